using System.Collections.Immutable;
using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Gateway.Routing;

/// <summary>
/// One routable service: its routes (the union over its instances, most specific gateway URL first, as Zowe's route
/// locator orders them) and its instances that are UP. Built once per registry version of the service.
/// </summary>
internal sealed class ServiceRoutes
{
    private ServiceRoutes(string pathId, RegisteredService source, IReadOnlyList<RouteDefinition> routes, ImmutableArray<RoutedInstance> instances)
    {
        PathId = pathId;
        Source = source;
        Routes = routes;
        Instances = instances;
    }

    /// <summary>The first path segment that selects this service: the service id, or the instances' <c>apiml.service.apimlId</c>.</summary>
    public string PathId { get; }

    public RegisteredService Source { get; }

    public string ServiceId => Source.ServiceId;

    public IReadOnlyList<RouteDefinition> Routes { get; }

    /// <summary>Instances whose effective status is UP, in instance id order.</summary>
    public ImmutableArray<RoutedInstance> Instances { get; }

    public static ServiceRoutes Of(RegisteredService service)
    {
        var parsed = service.Instances.Values
            .Select(i => (Instance: i, Metadata: ServiceMetadataParser.Parse(i.Metadata, out _)))
            .ToList();
        var routes = parsed
            .SelectMany(p => p.Metadata.Routes)
            .GroupBy(r => r.GatewayUrl, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderByDescending(r => r.GatewayUrl.Length)
            .ThenBy(r => r.GatewayUrl, StringComparer.Ordinal)
            .ToList();
        var instances = parsed
            .Where(p => p.Instance.EffectiveStatus == InstanceStatus.Up)
            .Select(p => new RoutedInstance(p.Instance, p.Metadata, RoutedInstance.AddressOf(p.Instance, p.Metadata)))
            .ToImmutableArray();
        var apimlId = parsed.Select(p => p.Metadata.ApimlId).FirstOrDefault(id => !string.IsNullOrEmpty(id));
        return new ServiceRoutes((apimlId ?? service.ServiceId).ToLowerInvariant(), service, routes, instances);
    }

    /// <summary>
    /// The route for the path after <c>/{PathId}</c> (starting with '/'), and the path to send to the instance:
    /// <c>/{gatewayUrl}/rest</c> becomes <c>{serviceUrl}/rest</c>.
    /// </summary>
    public bool TryMatch(string rest, out RouteDefinition route, out string targetPath)
    {
        var trimmed = rest.TrimStart('/');
        foreach (var candidate in Routes)
        {
            var gatewayUrl = candidate.GatewayUrl;
            if (trimmed.Length == gatewayUrl.Length && string.Equals(trimmed, gatewayUrl, StringComparison.Ordinal))
            {
                route = candidate;
                targetPath = candidate.ServiceUrl;
                return true;
            }

            if (trimmed.Length > gatewayUrl.Length && trimmed.StartsWith(gatewayUrl, StringComparison.Ordinal) && trimmed[gatewayUrl.Length] == '/')
            {
                route = candidate;
                targetPath = candidate.ServiceUrl.TrimEnd('/') + trimmed[gatewayUrl.Length..];
                return true;
            }
        }

        route = null!;
        targetPath = string.Empty;
        return false;
    }
}
