using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// The request path exactly as the client sent it, still percent-encoded. Kestrel's <c>Request.Path</c> is decoded
/// (all but <c>%2F</c>) and dot-normalised, so neither the encoding rules nor the forwarded path can be built from it
/// without changing what the client asked for.
/// </summary>
internal static class RawTarget
{
    public static string PathOf(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw) ? context.Request.Path.ToUriComponent() : PathOf(raw);
    }

    /// <summary>The path of an origin-form (<c>/a?b</c>) or absolute-form (<c>https://h/a?b</c>) request target.</summary>
    public static string PathOf(string rawTarget)
    {
        var end = rawTarget.AsSpan().IndexOfAny('?', '#');
        var target = end < 0 ? rawTarget : rawTarget[..end];
        if (target.StartsWith('/'))
        {
            return target;
        }

        var scheme = target.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return "/";
        }

        var path = target.IndexOf('/', scheme + 3);
        return path < 0 ? "/" : target[path..];
    }

    /// <summary>
    /// Where, in <paramref name="rawPath"/>, the part of <paramref name="decodedPath"/> that ends at
    /// <paramref name="consumed"/> ends: the rest of the raw path starts there (its length when there is no rest).
    /// Slashes line up one to one between the two, since Kestrel decodes neither <c>%2F</c> nor merges <c>//</c>; dot
    /// segments, which it would remove, are refused before routing. -1 when they do not line up.
    /// </summary>
    public static int RestStart(string rawPath, string decodedPath, int consumed)
    {
        if (ReferenceEquals(rawPath, decodedPath) || (rawPath.Length == decodedPath.Length && rawPath.AsSpan().SequenceEqual(decodedPath)))
        {
            return consumed;
        }

        if (Count(rawPath, '/') != Count(decodedPath, '/'))
        {
            return -1;
        }

        var slashes = Count(decodedPath.AsSpan(0, consumed), '/');
        var index = -1;
        for (var i = 0; i <= slashes; i++)
        {
            index = rawPath.IndexOf('/', index + 1);
            if (index < 0)
            {
                return rawPath.Length;
            }
        }

        return index;
    }

    private static int Count(ReadOnlySpan<char> text, char c)
    {
        var count = 0;
        foreach (var ch in text)
        {
            if (ch == c)
            {
                count++;
            }
        }

        return count;
    }
}
