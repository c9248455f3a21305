using System.Globalization;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// An <c>instanceBaseUrls</c> entry split the way <c>java.net.URL</c> splits it: the port must be written out (Zowe
/// rejects <c>https://host/x</c>), and the path is kept exactly as written because it prefixes every route's serviceUrl.
/// </summary>
internal sealed record InstanceBaseUrl(string Scheme, string Host, int Port, string Path)
{
    public static bool TryParse(string text, out InstanceBaseUrl url, out string? error)
    {
        url = new InstanceBaseUrl(string.Empty, string.Empty, 0, string.Empty);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            error = $"the URL {text} is malformed";
            return false;
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            error = $"the URL {text} is malformed: only http and https are supported";
            return false;
        }

        var afterScheme = text.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = text.IndexOfAny(['/', '?', '#'], afterScheme);
        var authority = authorityEnd < 0 ? text[afterScheme..] : text[afterScheme..authorityEnd];
        authority = authority[(authority.LastIndexOf('@') + 1)..];
        if (uri.Host.Length == 0)
        {
            error = $"the URL {text} does not contain a hostname";
            return false;
        }

        // Explicit port only: after the last colon that is not inside an IPv6 literal.
        var colon = authority.LastIndexOf(':');
        if (colon < 0 || colon < authority.LastIndexOf(']')
            || !int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            error = $"the URL {text} does not contain a port number";
            return false;
        }

        var pathEnd = authorityEnd < 0 ? -1 : text.IndexOfAny(['?', '#'], authorityEnd);
        var path = authorityEnd < 0 ? string.Empty : pathEnd < 0 ? text[authorityEnd..] : text[authorityEnd..pathEnd];
        url = new InstanceBaseUrl(uri.Scheme, uri.Host, port, path);
        error = null;
        return true;
    }
}
