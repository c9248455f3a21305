using ApiMlCluster.Gateway.Cors;
using ApiMlCluster.Gateway.Routing;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// Where a request that passed the edge checks goes: the service, the path to ask its instance for (percent-encoded as
/// the client sent it), the gateway prefix it came through, and what the response needs from the edge.
/// </summary>
/// <param name="NextForwardTo">The <c>X-Forward-To</c> value for the next hop; null drops the header.</param>
internal sealed record EdgeRoute(ServiceRoutes Service, string TargetPath, string Prefix, CorsDecision Cors, string? NextForwardTo, bool ByHeader)
{
    /// <summary>Set on the request's features so the transformer can find the route without a constructor change.</summary>
    public sealed class Feature(EdgeRoute route, RouteTable table)
    {
        public EdgeRoute Route { get; } = route;

        public RouteTable Table { get; } = table;
    }
}
