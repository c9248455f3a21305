using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Sticky;

/// <summary>
/// The user a request belongs to, for sticky routing only: the <c>sub</c> of the token in the authentication cookie,
/// else of an <c>Authorization: Bearer</c> token. The signature is not checked, as in Zowe: this picks an instance,
/// it grants nothing. Decoded subjects are cached per token; the cache is emptied when it grows past its bound.
/// </summary>
internal sealed class TokenSubjects(string cookieName)
{
    private const int Capacity = 10_000;
    private const int MaxSubjectLength = 200;
    private readonly ConcurrentDictionary<string, string> subjects = new(StringComparer.Ordinal);

    public string? UserOf(HttpRequest request)
    {
        var token = request.Cookies[cookieName];
        if (string.IsNullOrEmpty(token))
        {
            var authorization = request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            token = authorization[7..].Trim();
        }

        if (subjects.TryGetValue(token, out var cached))
        {
            return cached.Length == 0 ? null : cached;
        }

        var subject = SubjectOf(token) ?? string.Empty;
        if (subjects.Count >= Capacity)
        {
            subjects.Clear();
        }

        subjects[token] = subject;
        return subject.Length == 0 ? null : subject;
    }

    internal static string? SubjectOf(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length > 8192)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("sub", out var sub)
                && sub.ValueKind == JsonValueKind.String
                && sub.GetString() is { Length: > 0 and <= MaxSubjectLength } user
                ? user
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
