using System.Text.RegularExpressions;

namespace ApiMlCluster.Discovery.Metadata;

/// <summary>Zowe's small path helpers (<c>UrlUtils</c>, <c>StringUtils</c>), reproduced because route keys depend on them.</summary>
internal static partial class UrlPaths
{
    /// <summary><c>UrlUtils.removeFirstAndLastSlash</c>: trims whitespace, then drops one leading and one trailing slash.</summary>
    public static string RemoveFirstAndLastSlash(string value)
    {
        var text = value.Trim();
        var start = text.StartsWith('/') ? 1 : 0;
        var stop = text.EndsWith('/') ? text.Length - 1 : text.Length;
        return stop <= start ? string.Empty : text[start..stop];
    }

    /// <summary><c>UrlUtils.addFirstSlash</c>: trims whitespace, then prepends a slash unless one is there.</summary>
    public static string AddFirstSlash(string value)
    {
        var text = value.Trim();
        return text.StartsWith('/') ? text : "/" + text;
    }

    /// <summary><c>UrlUtils.removeLastSlash</c>.</summary>
    public static string RemoveLastSlash(string value)
    {
        var text = value.Trim();
        return text.EndsWith('/') ? text[..^1] : text;
    }

    /// <summary><c>UrlUtils.trimSlashes</c>: one leading and one trailing slash, no whitespace trimming.</summary>
    public static string TrimSlashes(string value)
    {
        var start = value.StartsWith('/') ? 1 : 0;
        var stop = value.EndsWith('/') ? value.Length - 1 : value.Length;
        return stop <= start ? string.Empty : value[start..stop];
    }

    /// <summary>
    /// <c>UrlUtils.getEncodedUrl</c>: every non-word character becomes <c>-</c>, which is how the apiInfo key
    /// segment is derived from a gatewayUrl (so <c>api/v1</c> is stored under <c>apiml.apiInfo.api-v1.*</c>).
    /// </summary>
    public static string EncodeKey(string value) => NonWord().Replace(value, "-");

    [GeneratedRegex(@"[^A-Za-z0-9_]")]
    private static partial Regex NonWord();
}
