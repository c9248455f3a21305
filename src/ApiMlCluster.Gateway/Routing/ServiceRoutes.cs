using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Gateway.Routing;

/// <summary>
/// One routable service: its routes (the union over its instances, most specific gateway URL first, as Zowe's route
/// locator orders them) and its instances that are UP. Built once per registry version of the service.
/// </summary>
internal sealed class ServiceRoutes
{
    private readonly ServiceRoute[] routes;

    private ServiceRoutes(string pathId, RegisteredService source, RouteDefinition[] routes, ImmutableArray<RoutedInstance> instances, bool isGateway)
    {
        IsGateway = isGateway;
        this.routes = Array.ConvertAll(routes, r => new ServiceRoute(r, pathId));
        PathId = pathId;
        Source = source;
        ServiceId = source.ServiceId;
        Routes = routes;
        Instances = instances;
        RefusesEncodedCharacters = instances.Any(i => !i.Metadata.EnableUrlEncodedCharacters);
    }

    /// <summary>The first path segment that selects this service: the service id, or the instances' <c>apiml.service.apimlId</c>.</summary>
    public string PathId { get; }

    public RegisteredService Source { get; }

    /// <summary>Computed once: the registry's id is derived from the app name on every read, and every request reads it.</summary>
    public string ServiceId { get; }

    public IReadOnlyList<RouteDefinition> Routes { get; }

    /// <summary>Instances whose effective status is UP, in instance id order.</summary>
    public ImmutableArray<RoutedInstance> Instances { get; }

    /// <summary>
    /// An instance declares <c>apiml.service.apimlId</c>: this is another API ML's gateway (a domain gateway), the only
    /// kind of service <c>X-Forward-To</c> may name.
    /// </summary>
    public bool IsGateway { get; }

    /// <summary>Some UP instance has <c>apiml.enableUrlEncodedCharacters=false</c>, so paths with encoded characters are refused (ZWEAG701E).</summary>
    public bool RefusesEncodedCharacters { get; }

    /// <summary>
    /// Parsed metadata by the instance's (immutable) metadata object. The table is rebuilt on every registry change,
    /// and an instance that did not change keeps its object, so a registration parses one instance's metadata, not
    /// that of every instance of the service again (about a fifth of the node's CPU with 16 clients registering, dotnet-trace).
    /// </summary>
    private static readonly ConditionalWeakTable<ImmutableSortedDictionary<string, string>, ServiceMetadata> Parsed = new();

    public static ServiceRoutes Of(RegisteredService service)
    {
        var parsed = service.Instances.Values
            .Select(i => (Instance: i, Metadata: Parsed.GetValue(i.Metadata, m => ServiceMetadataParser.Parse(m, out _))))
            .ToList();
        var routes = parsed
            .SelectMany(p => p.Metadata.Routes)
            .GroupBy(r => r.GatewayUrl, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderByDescending(r => r.GatewayUrl.Length)
            .ThenBy(r => r.GatewayUrl, StringComparer.Ordinal)
            .ToArray();
        var instances = parsed
            .Where(p => p.Instance.EffectiveStatus == InstanceStatus.Up)
            .Select(p => new RoutedInstance(p.Instance, p.Metadata, RoutedInstance.AddressOf(p.Instance, p.Metadata)))
            .ToImmutableArray();
        var apimlId = parsed.Select(p => p.Metadata.ApimlId).FirstOrDefault(id => !string.IsNullOrEmpty(id));
        return new ServiceRoutes((apimlId ?? service.ServiceId).ToLowerInvariant(), service, routes, instances, apimlId is not null);
    }

    /// <summary>
    /// The route for the path after <c>/{PathId}</c> (empty or starting with '/'): the most specific route whose
    /// <c>gatewayUrl</c> is the whole of it or a prefix ending at a '/'. <paramref name="rest"/> is what follows the
    /// gateway URL (from <paramref name="restStart"/>), which goes after the route's <c>serviceUrl</c>.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<char> path, out ServiceRoute route, out int restStart)
    {
        var leading = path.Length - path.TrimStart('/').Length;
        var trimmed = path[leading..];
        foreach (var candidate in routes)
        {
            var gatewayUrl = candidate.Definition.GatewayUrl;
            if (trimmed.StartsWith(gatewayUrl, StringComparison.Ordinal) && (trimmed.Length == gatewayUrl.Length || trimmed[gatewayUrl.Length] == '/'))
            {
                route = candidate;
                restStart = leading + gatewayUrl.Length;
                return true;
            }
        }

        route = null!;
        restStart = -1;
        return false;
    }
}
