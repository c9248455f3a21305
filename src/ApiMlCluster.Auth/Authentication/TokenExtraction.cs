using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Auth.Authentication;

/// <summary>
/// Finds the session token the way Zowe does: the cookie, else <c>Authorization: Bearer</c>. When both are present
/// and differ the request is refused rather than guessing which identity the caller meant (a stale browser cookie
/// must not silently win over the token a script sends, nor the reverse).
/// </summary>
internal static class TokenExtraction
{
    public static ExtractedToken From(HttpRequest request, string cookieName)
    {
        var cookie = request.Cookies[cookieName] is { Length: > 0 } c ? c : null;
        string? bearer = null;
        foreach (var header in request.Headers.Authorization)
        {
            if (header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) && header.Length > 7)
            {
                if (bearer is not null && bearer != header[7..].Trim())
                {
                    return ExtractedToken.Conflicting;
                }

                bearer = header[7..].Trim();
            }
        }

        return (cookie, bearer) switch
        {
            (null, null) => ExtractedToken.None,
            ({ } a, { } b) when a != b => ExtractedToken.Conflicting,
            _ => new ExtractedToken(cookie ?? bearer, false),
        };
    }
}

internal sealed record ExtractedToken(string? Token, bool Conflict)
{
    public static readonly ExtractedToken None = new(null, false);
    public static readonly ExtractedToken Conflicting = new(null, true);
}
