using ApiMlCluster.Discovery.Metadata;

namespace ApiMlCluster.Discovery.Services;

/// <summary>
/// Zowe's <c>TransformService.transformURL</c>: a service's own URL (swagger, home page) rewritten to the URL that
/// reaches it through the gateway, using the route whose serviceUrl is the longest prefix of the URL's path.
/// </summary>
internal static class GatewayUrlTransform
{
    public enum RouteType
    {
        Api,
        Ui,
    }

    /// <summary>The gateway URL, or null when no route of <paramref name="type"/> covers <paramref name="url"/>.</summary>
    public static string? TryTransform(RouteType type, string serviceId, string url, IReadOnlyList<RouteDefinition> routes, GatewayAddress gateway)
    {
        if (!Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri))
        {
            return null;
        }

        var (path, query) = PathAndQuery(url, uri);
        var route = BestMatch(type, path, routes);
        if (route is null)
        {
            return null;
        }

        if (query is not null)
        {
            path += "?" + query;
        }

        var endPoint = path;
        if (route.ServiceUrl != "/" && !string.IsNullOrWhiteSpace(route.ServiceUrl))
        {
            // Zowe's replaceFirst: the first occurrence, case-sensitive, even though matching was case-insensitive.
            var prefix = UrlPaths.RemoveLastSlash(route.ServiceUrl);
            var at = endPoint.IndexOf(prefix, StringComparison.Ordinal);
            if (at >= 0)
            {
                endPoint = endPoint.Remove(at, prefix.Length);
            }
        }

        if (endPoint.Length > 0 && !endPoint.StartsWith('/'))
        {
            return null;
        }

        var gatewayPart = route.GatewayUrl.Length == 0 ? string.Empty : "/" + route.GatewayUrl;
        return url.StartsWith("//", StringComparison.Ordinal)
            ? $"//{gateway.Authority}/{serviceId}{gatewayPart}{endPoint}"
            : $"{gateway.Scheme}://{gateway.Authority}/{serviceId}{gatewayPart}{endPoint}";
    }

    // RoutedServices.getBestMatchingServiceUrl: the type is the gatewayUrl's first characters ("api...", "ui...").
    private static RouteDefinition? BestMatch(RouteType type, string path, IReadOnlyList<RouteDefinition> routes)
    {
        var typeName = type == RouteType.Api ? "api" : "ui";
        RouteDefinition? best = null;
        foreach (var route in routes.OrderBy(route => route.GatewayUrl, StringComparer.Ordinal))
        {
            if (!route.GatewayUrl.StartsWith(typeName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var prefix = UrlPaths.RemoveLastSlash(route.ServiceUrl.ToLowerInvariant());
            if (route.ServiceUrl.Length > (best?.ServiceUrl.Length ?? 0) && path.ToLowerInvariant().StartsWith(prefix, StringComparison.Ordinal))
            {
                best = route;
            }
        }

        return best;
    }

    private static (string Path, string? Query) PathAndQuery(string url, Uri uri)
    {
        if (uri.IsAbsoluteUri)
        {
            var query = uri.Query.Length > 1 ? uri.Query[1..] : null;
            return (uri.AbsolutePath, query);
        }

        var text = url;
        var hash = text.IndexOf('#');
        if (hash >= 0)
        {
            text = text[..hash];
        }

        var question = text.IndexOf('?');
        var pathPart = question >= 0 ? text[..question] : text;
        if (pathPart.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = pathPart.IndexOf('/', 2);
            pathPart = slash >= 0 ? pathPart[slash..] : string.Empty;
        }

        return (pathPart, question >= 0 ? text[(question + 1)..] : null);
    }
}
