using System.Net;

namespace ApiMlCluster.Discovery.Ownership;

/// <summary>
/// Zowe 3.x's <c>zowe.network.allowedDomains</c>: a host is allowed when it equals an entry, or when the entry is
/// <c>*.example.com</c> and the host is a sub-domain of example.com (not example.com itself). <c>localhost</c> also
/// allows the loopback addresses, which name the same machine.
/// </summary>
internal sealed class AllowedDomains
{
    private readonly HashSet<string> exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> suffixes = [];

    public AllowedDomains(IEnumerable<string> entries)
    {
        foreach (var entry in entries.Select(e => e.Trim().TrimEnd('.')).Where(e => e.Length > 0))
        {
            if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                suffixes.Add(entry[1..]);
            }
            else
            {
                exact.Add(Unbracket(entry));
                if (string.Equals(entry, "localhost", StringComparison.OrdinalIgnoreCase))
                {
                    exact.UnionWith(["127.0.0.1", "::1"]);
                }
            }
        }
    }

    public bool Allows(string host)
    {
        host = Unbracket(host.TrimEnd('.'));
        if (exact.Contains(host))
        {
            return true;
        }

        // An IP address is never a sub-domain.
        return !IPAddress.TryParse(host, out _) && suffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase) && host.Length > s.Length);
    }

    /// <summary>The host of an absolute URL if it is allowed; false for a relative or malformed URL too.</summary>
    public bool AllowsUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) && Allows(uri.Host);

    private static string Unbracket(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}
