using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ApiMlCluster.Auth.Authentication;

/// <summary>
/// Finds the session token the way Zowe does: the cookie, else <c>Authorization: Bearer</c>. When both are present
/// and differ the request is refused rather than guessing which identity the caller meant (a stale browser cookie
/// must not silently win over the token a script sends, nor the reverse).
/// </summary>
internal static class TokenExtraction
{
    private static readonly Func<ReadOnlySpan<char>, string> NewString = static span => span.ToString();

    // RFC 9110 token characters, and RFC 6265 cookie-octets (%x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E) but '%'.
    private static readonly SearchValues<char> TokenChars = SearchValues.Create(Visible().Where(c => !"()<>@,;:\\\"/[]?={}".Contains(c)).ToArray());
    private static readonly SearchValues<char> PlainValueChars = SearchValues.Create(Visible().Where(c => !"\",;\\%".Contains(c)).ToArray());

    /// <param name="materialize">
    /// Turns the cookie's value into a string; the gateway passes the validator's cache, which returns the string it
    /// already holds for a known token instead of copying a token of several hundred characters per request.
    /// </param>
    public static ExtractedToken From(HttpRequest request, string cookieName, Func<ReadOnlySpan<char>, string>? materialize = null)
    {
        var cookie = FindCookie(request, cookieName, materialize ?? NewString);
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

    private static string? FindCookie(HttpRequest request, string cookieName, Func<ReadOnlySpan<char>, string> materialize)
    {
        var headers = request.Headers.Cookie;
        if (headers.Count == 0)
        {
            return null;
        }

        if (TryFindPlainCookie(headers, cookieName, out var start, out var length, out var index))
        {
            return length > 0 ? materialize(headers[index].AsSpan(start, length)) : null;
        }

        // Anything unusual (quotes, escapes, the cookie twice, a malformed pair) is ASP.NET Core's to parse.
        return request.Cookies[cookieName] is { Length: > 0 } c ? c : null;
    }

    /// <summary>
    /// Reads headers made only of plain <c>name=value</c> pairs (token names, values of RFC 6265 cookie octets other
    /// than '%', which ASP.NET Core would unescape) and finds <paramref name="name"/> (in any case, as ASP.NET Core
    /// does) among them at most once; the value is at <paramref name="start"/> in header <paramref name="index"/>,
    /// which is -1 when the cookie is absent.
    /// False for anything else.
    /// </summary>
    private static bool TryFindPlainCookie(StringValues headers, string name, out int start, out int length, out int index)
    {
        (start, length, index) = (0, 0, -1);
        for (var h = 0; h < headers.Count; h++)
        {
            var header = headers[h];
            if (header is null)
            {
                continue;
            }

            foreach (var range in header.AsSpan().Split(';'))
            {
                var (offset, pairLength) = range.GetOffsetAndLength(header.Length);
                var pair = header.AsSpan(offset, pairLength);
                var trimmed = pair.TrimStart(' ');
                var position = offset + pair.Length - trimmed.Length;
                trimmed = trimmed.TrimEnd(' ');
                if (trimmed.IsEmpty)
                {
                    continue;
                }

                var equals = trimmed.IndexOf('=');
                if (equals <= 0 || !IsToken(trimmed[..equals]))
                {
                    return false;
                }

                var value = trimmed[(equals + 1)..];
                if (!IsPlainValue(value))
                {
                    return false;
                }

                if (trimmed[..equals].Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    if (index >= 0)
                    {
                        return false;
                    }

                    (start, length, index) = (position + equals + 1, value.Length, h);
                }
            }
        }

        return true;
    }

    private static IEnumerable<char> Visible() => Enumerable.Range(0x21, 0x7e - 0x21 + 1).Select(c => (char)c);

    private static bool IsToken(ReadOnlySpan<char> name) => !name.ContainsAnyExcept(TokenChars);

    private static bool IsPlainValue(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(PlainValueChars);
}

internal readonly record struct ExtractedToken(string? Token, bool Conflict)
{
    public static readonly ExtractedToken None = new(null, false);
    public static readonly ExtractedToken Conflicting = new(null, true);
}
