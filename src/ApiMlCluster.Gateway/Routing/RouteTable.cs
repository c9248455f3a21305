using System.Collections.Frozen;
using ApiMlCluster.Discovery.ReadModel;

namespace ApiMlCluster.Gateway.Routing;

/// <summary>
/// The gateway's routes at one registry view: immutable, read by request threads without locks. Rebuilt on each
/// registry change, reusing the <see cref="ServiceRoutes"/> of services whose version did not change, so a change
/// to one service costs one service's parsing, not the whole registry's.
/// </summary>
internal sealed class RouteTable
{
    /// <summary>Zowe v3's default <c>apiml.routing.ignoredServices</c>: registered, but not routed.</summary>
    public static readonly IReadOnlySet<string> DefaultIgnoredServices = new HashSet<string>(["discovery", "zaas"], StringComparer.Ordinal);

    public static readonly RouteTable Empty = new(RegistryView.Empty, FrozenDictionary<string, ServiceRoutes>.Empty);

    private readonly FrozenDictionary<string, ServiceRoutes> byPathId;
    private readonly FrozenDictionary<string, ServiceRoutes>.AlternateLookup<ReadOnlySpan<char>> byPathIdSpans;

    private RouteTable(RegistryView view, FrozenDictionary<string, ServiceRoutes> byPathId)
    {
        View = view;
        this.byPathId = byPathId;
        byPathIdSpans = byPathId.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public RegistryView View { get; }

    public IEnumerable<ServiceRoutes> Services => byPathId.Values;

    public static RouteTable Build(RegistryView view, IReadOnlySet<string> ignoredServices, RouteTable? previous = null)
    {
        var reusable = previous?.byPathId.Values.ToDictionary(s => s.Source.App, StringComparer.Ordinal) ?? [];
        var services = new Dictionary<string, ServiceRoutes>(StringComparer.Ordinal);
        var candidates = new List<ServiceRoutes>();
        foreach (var service in view.Registered)
        {
            if (ignoredServices.Contains(service.ServiceId))
            {
                continue;
            }

            var routes = reusable.TryGetValue(service.App, out var old) && old.Source.Version == service.Version ? old : ServiceRoutes.Of(service);
            if (routes.Routes.Count > 0)
            {
                candidates.Add(routes);
            }
        }

        // A service's own id always takes its path: an apimlId (which discovery refuses when it collides, but a
        // registry that lags can still hold two) never moves another service's routes. Between two apimlIds the
        // first in app-name order keeps the path, as the view is ordered.
        foreach (var routes in candidates.Where(r => r.PathId == r.Source.ServiceId).Concat(candidates.Where(r => r.PathId != r.Source.ServiceId)))
        {
            services.TryAdd(routes.PathId, routes);
        }

        return new RouteTable(view, services.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public ServiceRoutes? Find(string pathId) => byPathId.GetValueOrDefault(pathId);

    /// <summary>Matches a request path <c>/{serviceId}/{gatewayUrl}/rest</c>; false when no service or route takes it.</summary>
    public bool TryMatch(string path, out RouteMatch match)
    {
        match = null!;
        if (path.Length < 2 || path[0] != '/')
        {
            return false;
        }

        var end = path.IndexOf('/', 1);
        var pathId = end < 0 ? path.AsSpan(1) : path.AsSpan(1, end - 1);
        if (!byPathIdSpans.TryGetValue(pathId, out var service))
        {
            return false;
        }

        var rest = end < 0 ? ReadOnlySpan<char>.Empty : path.AsSpan(end);
        if (!service.TryMatch(rest, out var route, out var restStart))
        {
            return false;
        }

        match = new RouteMatch(service, route, path, end < 0 ? path.Length : end + restStart);
        return true;
    }
}

/// <summary>A request path matched to a service's route; <see cref="Consumed"/> is the length of <c>/{pathId}/{gatewayUrl}</c> in it.</summary>
internal sealed record RouteMatch(ServiceRoutes Service, ServiceRoute Entry, string Path, int Consumed)
{
    public Discovery.Metadata.RouteDefinition Route => Entry.Definition;

    /// <summary>The path to ask the instance for: <c>/{pathId}/{gatewayUrl}/rest</c> becomes <c>{serviceUrl}/rest</c>.</summary>
    public string TargetPath => Consumed == Path.Length ? Route.ServiceUrl : string.Concat(Route.ServiceUrl.AsSpan().TrimEnd('/'), Path.AsSpan(Consumed));
}
