using System.Collections.Frozen;
using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Auth.Callers;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using ApiMlCluster.Gateway.Edge;
using ApiMlCluster.Gateway.Schemes;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Authorization;

/// <summary>
/// The operator's resource checks on routed requests (<c>components.gateway.apiml.security.authorization.routes</c>):
/// before a request to a checked service (and path) is forwarded, its caller, found as the schemes find it, needs
/// the configured access. No caller → 401 ZWEAO402E, denied → 403 ZWEAT403E, provider unavailable or token list still
/// loading → 503 ZWEAO503E. A service without rules costs one dictionary lookup (none when no rule is configured).
/// </summary>
internal sealed class RouteAuthorization
{
    private readonly FrozenDictionary<string, RouteResourceRule[]> rules;
    private readonly bool any;
    private readonly SchemeCallers callers;
    private readonly IAuthorizationProvider provider;

    public RouteAuthorization(AuthorizationSettings settings, SchemeCallers callers, IAuthorizationProvider provider)
    {
        this.callers = callers;
        this.provider = provider;
        rules = settings.Routes
            .GroupBy(r => r.ServiceId, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.Select(Rule).ToArray(),
                StringComparer.OrdinalIgnoreCase);
        any = rules.Count > 0;
    }

    /// <summary>The service's rules, or null when it has none (the common case: nothing else happens).</summary>
    public RouteResourceRule[]? RulesFor(EdgeRoute match) =>
        any && rules.TryGetValue(match.Service.ServiceId, out var found) ? found : null;

    /// <summary>True when the request may be forwarded; otherwise the answer is written.</summary>
    public async ValueTask<bool> AllowAsync(HttpContext context, EdgeRoute match, RouteResourceRule[] serviceRules)
    {
        var path = GatewayPath(context, match);
        ResolvedCaller? caller = null;
        foreach (var rule in serviceRules)
        {
            if (!rule.Covers(path))
            {
                continue;
            }

            caller ??= await ResolveAsync(context, match);
            if (caller.Value.Failure is { } failure)
            {
                await WriteAsync(context, failure.Template, failure.Argument);
                return false;
            }

            switch (await provider.CheckAsync(caller.Value.UserId!, rule.Check, context.RequestAborted))
            {
                case AuthorizationDecision.Allowed:
                    continue;
                case AuthorizationDecision.Denied:
                    await WriteAsync(context, AuthorizationMessages.Forbidden, context.Request.Path.Value);
                    return false;
                default:
                    await WriteAsync(context, CommonMessages.ServiceUnavailable, "the authorization provider is unavailable");
                    return false;
            }
        }

        return true;
    }

    private async ValueTask<ResolvedCaller> ResolveAsync(HttpContext context, EdgeRoute match)
    {
        var resolution = await callers.ResolveAsync(context, match.Service.ServiceId);
        if (resolution.NotReady)
        {
            return new ResolvedCaller(null, (CommonMessages.ServiceUnavailable, CommonMessages.CannotJudgeTokens));
        }

        return resolution.Caller is { } caller
            ? new ResolvedCaller(caller.UserId, null)
            : new ResolvedCaller(null, (CallerMessages.Unauthorized, null));
    }

    /// <summary>The path after the service id (the whole path when <c>X-Forward-To</c> chose the service).</summary>
    private static string GatewayPath(HttpContext context, EdgeRoute match)
    {
        var path = (context.Request.Path.Value ?? "/").TrimStart('/');
        if (match.ByHeader)
        {
            return path;
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : path[(slash + 1)..];
    }

    private static RouteResourceRule Rule(RouteResourceCheck check)
    {
        AccessLevels.TryParse(check.AccessLevel, out var level);
        var segments = check.PathPrefix?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new RouteResourceRule(segments, new ResourceCheck(check.ResourceClass, check.ResourceName, level));
    }

    private static Task WriteAsync(HttpContext context, MessageTemplate message, string? argument)
    {
        context.Response.StatusCode = message.Status;
        return context.Response.WriteAsJsonAsync(message.View(argument));
    }

    private readonly record struct ResolvedCaller(string? UserId, (MessageTemplate Template, string? Argument)? Failure);
}
