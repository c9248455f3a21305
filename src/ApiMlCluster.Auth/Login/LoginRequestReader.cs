using System.Text;
using System.Text.Json;
using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Core.Http;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Auth.Login;

/// <summary>
/// Reads login credentials: <c>Authorization: Basic</c> first (Zowe gives it precedence), else a JSON body
/// <c>{"username","password"[,"newPassword"]}</c>, only as <c>application/json</c> (or <c>+json</c>): a cross-site
/// <c>&lt;form enctype="text/plain"&gt;</c> cannot send that type, so it cannot log a victim's browser in as the
/// attacker (login CSRF). A body larger than <see cref="MaxBodyBytes"/> is refused after reading that much, never buffered whole.
/// </summary>
internal static class LoginRequestReader
{
    public const int MaxBodyBytes = 16 * 1024;

    public static async Task<LoginInput> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (ReadBasic(request) is { } basic)
        {
            return basic;
        }

        var body = await RequestBodies.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return LoginInput.Malformed;
        }

        if (body.Length == 0)
        {
            return LoginInput.Absent;
        }

        return IsJson(request.ContentType) ? ParseJson(body) : LoginInput.Malformed;
    }

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>Authorization: Basic</c> credentials; null when the request has no such header.</summary>
    public static LoginInput? ReadBasic(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? ParseBasic(authorization[6..].Trim()) : null;
    }

    private static LoginInput ParseBasic(string encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && colon < decoded.Length - 1
                ? new LoginInput(new LoginCredentials(decoded[..colon], decoded[(colon + 1)..]))
                : LoginInput.Malformed;
        }
        catch (FormatException)
        {
            return LoginInput.Malformed;
        }
    }

    private static LoginInput ParseJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return LoginInput.Malformed;
            }

            var username = StringField(root, "username");
            var password = StringField(root, "password");
            var newPassword = StringField(root, "newPassword");
            return username is { Length: > 0 } && password is { Length: > 0 }
                ? new LoginInput(new LoginCredentials(username, password, newPassword is { Length: > 0 } ? newPassword : null))
                : LoginInput.Malformed;
        }
        catch (JsonException)
        {
            return LoginInput.Malformed;
        }
    }

    private static string? StringField(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>What the login request carried: credentials, nothing, or something unreadable.</summary>
internal sealed record LoginInput(LoginCredentials? Credentials, bool IsMalformed = false)
{
    public static readonly LoginInput Absent = new(Credentials: null);
    public static readonly LoginInput Malformed = new(Credentials: null, IsMalformed: true);
}
