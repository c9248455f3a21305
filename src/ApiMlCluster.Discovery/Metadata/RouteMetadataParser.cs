namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// <c>apiml.routes.&lt;name&gt;.{gatewayUrl,serviceUrl}</c> as <c>EurekaMetadataParser.parseToListRoute</c> reads them,
/// sorted the way the v3 <c>RouteLocator</c> orders them so a general route never shadows a specific one.
/// </summary>
internal static class RouteMetadataParser
{
    public static IReadOnlyList<RouteDefinition> Parse(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        var gatewayUrls = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var serviceUrls = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (!key.StartsWith(MetadataKeys.Routes + ".", StringComparison.Ordinal))
            {
                continue;
            }

            // Zowe only accepts exactly apiml.routes.<name>.<field>; a dotted name is silently dropped there.
            var parts = key.Split('.');
            if (parts.Length != 4 || parts[2].Length == 0)
            {
                problems.Add($"{key}: not of the form apiml.routes.<name>.gatewayUrl|serviceUrl; ignored");
                continue;
            }

            switch (parts[3])
            {
                case MetadataKeys.RouteGatewayUrl:
                    gatewayUrls[parts[2]] = UrlPaths.RemoveFirstAndLastSlash(value);
                    break;
                case MetadataKeys.RouteServiceUrl:
                    serviceUrls[parts[2]] = UrlPaths.AddFirstSlash(value);
                    break;
                default:
                    problems.Add($"{key}: unknown route field '{parts[3]}'; ignored");
                    break;
            }
        }

        var routes = new List<RouteDefinition>();
        foreach (var name in gatewayUrls.Keys.Union(serviceUrls.Keys).Order(StringComparer.Ordinal))
        {
            var hasGateway = gatewayUrls.TryGetValue(name, out var gatewayUrl);
            var hasService = serviceUrls.TryGetValue(name, out var serviceUrl);
            if (hasGateway && hasService)
            {
                routes.Add(new RouteDefinition(gatewayUrl!, serviceUrl!) { Name = name });
            }
            else
            {
                var missing = hasGateway ? MetadataKeys.RouteServiceUrl : MetadataKeys.RouteGatewayUrl;
                problems.Add($"{MetadataKeys.Routes}.{name}: has no {missing}; the route is skipped");
            }
        }

        // Stable sort: equal lengths keep name order, so the result does not depend on dictionary order.
        return [.. routes.OrderByDescending(route => route.GatewayUrl.Length)];
    }
}
