using System.Text.Json;
using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Auth.AccessTokens;

/// <summary>
/// Reads the PAT API's JSON bodies. Zowe clamps a bad validity silently and takes any scope list; here bad input is
/// a 400 that says what is wrong: validity a whole number of days from 1 to 90 (absent: 90, as Zowe), 1 to
/// <see cref="MaxScopes"/> distinct scopes (after lower-casing) of 1 to <see cref="MaxScopeLength"/> characters
/// without spaces or control characters, bodies of at most <see cref="MaxBodyBytes"/>.
/// </summary>
internal static class AccessTokenRequests
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxValidityDays = 90;
    public const int MaxScopes = 64;
    public const int MaxScopeLength = 64;
    public const int MaxSubjectLength = 256;

    public static Parsed<GenerateRequest> Generate(byte[]? body)
    {
        if (body is null)
        {
            return Fail<GenerateRequest>(AccessTokenMessages.InvalidBody, $"the body is larger than {MaxBodyBytes} bytes");
        }

        if (body.Length == 0)
        {
            return Fail<GenerateRequest>(AccessTokenMessages.MissingScopes);
        }

        if (Object(body) is not { } root)
        {
            return Fail<GenerateRequest>(AccessTokenMessages.InvalidBody, "the body is not a JSON object");
        }

        var validity = MaxValidityDays;
        if (root.TryGetProperty("validity", out var v))
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out validity) || validity is < 1 or > MaxValidityDays)
            {
                return Fail<GenerateRequest>(AccessTokenMessages.InvalidBody, $"validity must be a whole number of days from 1 to {MaxValidityDays}");
            }
        }

        if (!root.TryGetProperty("scopes", out var s) || s.ValueKind == JsonValueKind.Null || (s.ValueKind == JsonValueKind.Array && s.GetArrayLength() == 0))
        {
            return Fail<GenerateRequest>(AccessTokenMessages.MissingScopes);
        }

        if (s.ValueKind != JsonValueKind.Array)
        {
            return Fail<GenerateRequest>(AccessTokenMessages.InvalidBody, "scopes must be an array of service ids");
        }

        if (s.GetArrayLength() > MaxScopes)
        {
            return Fail<GenerateRequest>(AccessTokenMessages.InvalidBody, $"at most {MaxScopes} scopes are allowed");
        }

        var scopes = new List<string>();
        foreach (var item in s.EnumerateArray())
        {
            var scope = item.ValueKind == JsonValueKind.String ? item.GetString()!.ToLowerInvariant() : null;
            if (scope is null || scope.Length is 0 or > MaxScopeLength || scope.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                return Fail<GenerateRequest>(AccessTokenMessages.InvalidBody, $"each scope must be a service id of 1 to {MaxScopeLength} characters without spaces");
            }

            if (scopes.Contains(scope, StringComparer.Ordinal))
            {
                return Fail<GenerateRequest>(AccessTokenMessages.InvalidBody, $"the scope {scope} is listed more than once");
            }

            scopes.Add(scope);
        }

        return new(new GenerateRequest(validity, scopes), null);
    }

    /// <summary><c>{"token": "..."}</c> (revoke) or <c>{"token", "serviceId"}</c> (validate, which needs both).</summary>
    public static Parsed<TokenRequest> Token(byte[]? body, MessageTemplate message, bool serviceRequired)
    {
        if (body is null)
        {
            return Fail<TokenRequest>(message, $"the body is larger than {MaxBodyBytes} bytes");
        }

        if (Object(body) is not { } root)
        {
            return Fail<TokenRequest>(message, "the body is not a JSON object");
        }

        if (String(root, "token") is not { Length: > 0 } token)
        {
            return Fail<TokenRequest>(message, "token is missing");
        }

        var serviceId = String(root, "serviceId");
        if (serviceRequired && serviceId is not { Length: > 0 and <= MaxSubjectLength })
        {
            return Fail<TokenRequest>(message, "serviceId is missing");
        }

        return new(new TokenRequest(token, serviceId), null);
    }

    /// <summary>
    /// <c>{"&lt;field&gt;": "...", "timestamp": ms}</c>; <paramref name="field"/> null for the caller's own tokens, where
    /// the body may be empty. A timestamp of 0 or none means now, as in Zowe.
    /// </summary>
    public static Parsed<RuleRequest> Rule(byte[]? body, string? field)
    {
        if (body is null)
        {
            return Fail<RuleRequest>(AccessTokenMessages.InvalidRevokeBody, $"the body is larger than {MaxBodyBytes} bytes");
        }

        if (body.Length == 0 && field is null)
        {
            return new(new RuleRequest(null, 0), null);
        }

        if (Object(body) is not { } root)
        {
            return Fail<RuleRequest>(AccessTokenMessages.InvalidRevokeBody, "the body is not a JSON object");
        }

        string? subject = null;
        if (field is not null)
        {
            subject = String(root, field)?.Trim();
            if (subject is not { Length: > 0 and <= MaxSubjectLength })
            {
                return Fail<RuleRequest>(AccessTokenMessages.InvalidRevokeBody, $"{field} is missing");
            }
        }

        long timestamp = 0;
        if (root.TryGetProperty("timestamp", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt64(out timestamp) || timestamp < 0)
            {
                return Fail<RuleRequest>(AccessTokenMessages.InvalidRevokeBody, "timestamp must be a non-negative number of milliseconds since 1970");
            }
        }

        return new(new RuleRequest(subject, timestamp), null);
    }

    private static JsonElement? Object(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Parsed<T> Fail<T>(MessageTemplate message, params object[] arguments) => new(default, new Rejection(message, arguments));
}

internal sealed record GenerateRequest(int ValidityDays, IReadOnlyList<string> Scopes);

internal sealed record TokenRequest(string Token, string? ServiceId)
{
    public override string ToString() => $"TokenRequest {{ ServiceId = {ServiceId} }}";
}

internal sealed record RuleRequest(string? Subject, long Timestamp);

internal sealed record Rejection(MessageTemplate Message, object[] Arguments);

/// <summary>The request, or why it is refused.</summary>
internal sealed record Parsed<T>(T? Value, Rejection? Error);
