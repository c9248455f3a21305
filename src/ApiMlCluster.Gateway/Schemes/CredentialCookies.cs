using System.Text;
using Microsoft.Extensions.Primitives;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// The cookies that carry a caller's API ML credentials: the configured token cookie, Zowe's default name and its
/// unique-cookie variants (<c>apimlAuthenticationToken.N</c>), and the PAT cookie. They are removed when a scheme
/// sends its own credentials; every other cookie reaches the service. Names compare ignoring case, as they are found
/// (ASP.NET's cookie collection and the token extraction ignore case): <c>APIMLAUTHENTICATIONTOKEN=</c> must not slip through.
/// </summary>
internal sealed class CredentialCookies(string tokenCookieName)
{
    public const string DefaultTokenCookie = "apimlAuthenticationToken";
    public const string PersonalAccessTokenCookie = "personalAccessToken";
    public const string PersonalAccessTokenHeader = "PRIVATE-TOKEN";

    public bool IsCredential(ReadOnlySpan<char> name) =>
        name.Equals(tokenCookieName, StringComparison.OrdinalIgnoreCase)
        || name.Equals(DefaultTokenCookie, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith(DefaultTokenCookie + ".", StringComparison.OrdinalIgnoreCase)
        || name.Equals(PersonalAccessTokenCookie, StringComparison.OrdinalIgnoreCase);

    /// <summary>The request's cookies without the credential ones, plus <paramref name="added"/>, as one Cookie header value.</summary>
    public string WithoutCredentials(StringValues cookieHeaders, KeyValuePair<string, string>? added)
    {
        // The common zoweJwt call: the caller sent only its token cookie, and the scheme sends that same cookie on.
        if (added is { } same && cookieHeaders.Count == 1 && IsExactly(cookieHeaders[0], same))
        {
            return cookieHeaders[0]!;
        }

        var kept = new StringBuilder();
        foreach (var header in cookieHeaders)
        {
            foreach (var part in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=');
                var name = (equals < 0 ? part : part[..equals]).AsSpan().Trim();
                if (!IsCredential(name))
                {
                    Append(kept, part);
                }
            }
        }

        if (added is { } cookie)
        {
            Append(kept, $"{cookie.Key}={cookie.Value}");
        }

        return kept.ToString();
    }

    private static bool IsExactly(string? header, KeyValuePair<string, string> cookie) =>
        header is not null
        && header.Length == cookie.Key.Length + 1 + cookie.Value.Length
        && header.StartsWith(cookie.Key, StringComparison.Ordinal)
        && header[cookie.Key.Length] == '='
        && header.AsSpan(cookie.Key.Length + 1).SequenceEqual(cookie.Value);

    private static void Append(StringBuilder cookies, string pair)
    {
        if (cookies.Length > 0)
        {
            cookies.Append("; ");
        }

        cookies.Append(pair);
    }
}
