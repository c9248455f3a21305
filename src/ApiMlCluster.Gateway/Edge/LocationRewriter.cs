using ApiMlCluster.Gateway.Routing;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// Zowe's PageRedirectionFilterFactory: a redirect to the instance itself (an absolute URL on its host and port, or a
/// path) under one of a service's serviceUrls becomes the gateway URL <c>https://{gateway}/{serviceId}/{gatewayUrl}/rest</c>.
/// An absolute URL on another registered service's instance maps to that service. Anything else, and relative
/// references such as <c>next/page</c>, is left alone.
/// </summary>
internal static class LocationRewriter
{
    /// <returns>The new Location, or null to keep the service's.</returns>
    public static string? Rewrite(string location, Uri instance, ServiceRoutes service, RouteTable table, string gatewayAuthority)
    {
        if (location.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
            {
                return null;
            }

            var pathAndMore = uri.PathAndQuery + uri.Fragment;
            if (SameAuthority(uri, instance))
            {
                return ToGateway(pathAndMore, service, gatewayAuthority);
            }

            foreach (var other in table.Services)
            {
                if (other.Instances.Any(i => SameAuthority(uri, i.BaseUri)) && ToGateway(pathAndMore, other, gatewayAuthority) is { } rewritten)
                {
                    return rewritten;
                }
            }

            return null;
        }

        return location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal)
            ? ToGateway(location, service, gatewayAuthority)
            : null;
    }

    private static string? ToGateway(string pathAndMore, ServiceRoutes service, string gatewayAuthority)
    {
        var end = pathAndMore.IndexOfAny(['?', '#']);
        var path = end < 0 ? pathAndMore : pathAndMore[..end];
        var suffix = end < 0 ? string.Empty : pathAndMore[end..];

        var best = -1;
        string? gatewayUrl = null;
        foreach (var route in service.Routes)
        {
            var serviceUrl = route.ServiceUrl.TrimEnd('/');
            var under = path.Length == serviceUrl.Length
                ? string.Equals(path, serviceUrl, StringComparison.Ordinal)
                : path.StartsWith(serviceUrl, StringComparison.Ordinal) && path.Length > serviceUrl.Length && path[serviceUrl.Length] == '/';
            if (under && serviceUrl.Length > best)
            {
                best = serviceUrl.Length;
                gatewayUrl = route.GatewayUrl;
            }
        }

        return gatewayUrl is null ? null : $"https://{gatewayAuthority}/{service.PathId}/{gatewayUrl}{path[best..]}{suffix}";
    }

    private static bool SameAuthority(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
