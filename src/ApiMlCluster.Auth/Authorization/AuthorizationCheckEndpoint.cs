using System.Text.Json;
using ApiMlCluster.Core.Http;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>
/// <c>POST /gateway/auth/check</c> (contract §1.9): may the caller reach <c>resourceName</c> in <c>resourceClass</c> at
/// <c>accessLevel</c>? 204 yes, 401 ZWEAG711E no. Zowe answers a bad body with Spring's raw error; here it is ZWEAO400E.
/// </summary>
internal sealed class AuthorizationCheckEndpoint(SafCallers callers, IAuthorizationProvider provider)
{
    private const int MaxBody = 8 * 1024;

    public async Task<IResult> CheckAsync(HttpContext context)
    {
        var (userId, failure) = await callers.ResolveAsync(context);
        if (userId is null)
        {
            return failure!;
        }

        var body = await RequestBodies.ReadAsync(context.Request, MaxBody, context.RequestAborted);
        if (body is null)
        {
            return MessageResults.Message(AuthorizationMessages.BadRequest, $"the body is over {MaxBody} bytes");
        }

        if (Parse(body, out var problem) is not { } check)
        {
            return MessageResults.Message(AuthorizationMessages.BadRequest, problem);
        }

        return await provider.CheckAsync(userId, check, context.RequestAborted) switch
        {
            AuthorizationDecision.Allowed => Results.NoContent(),
            AuthorizationDecision.Denied => MessageResults.Message(AuthorizationMessages.Unauthorized, userId),
            _ => MessageResults.Message(CommonMessages.ServiceUnavailable, "the authorization provider is unavailable"),
        };
    }

    internal static ResourceCheck? Parse(byte[] body, out string problem)
    {
        problem = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "expected a JSON object with resourceClass, resourceName and accessLevel";
                return null;
            }

            string? Field(string name, ref string missing)
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                {
                    return text.Trim();
                }

                missing = $"'{name}' is missing or not a non-empty string";
                return null;
            }

            var resourceClass = Field("resourceClass", ref problem);
            var resourceName = Field("resourceName", ref problem);
            var levelText = Field("accessLevel", ref problem);
            if (resourceClass is null || resourceName is null || levelText is null)
            {
                return null;
            }

            if (!AccessLevels.TryParse(levelText, out var level))
            {
                problem = $"accessLevel '{levelText}' is not READ, UPDATE, CONTROL or ALTER";
                return null;
            }

            return new ResourceCheck(resourceClass, resourceName, level);
        }
        catch (JsonException)
        {
            problem = "the body is not valid JSON";
            return null;
        }
    }
}
