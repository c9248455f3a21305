using ApiMlCluster.Gateway.Cors;
using ApiMlCluster.Gateway.Routing;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// Where a request that passed the edge checks goes: the service, the path to ask its instance for (percent-encoded as
/// the client sent it), the gateway prefix it came through, and what the response needs from the edge. Also set on
/// the request's features, for the response transform.
/// </summary>
/// <param name="Table">The route table the request was matched in, to rewrite a redirect with.</param>
/// <param name="NextForwardTo">The <c>X-Forward-To</c> value for the next hop; null drops the header.</param>
internal sealed record EdgeRoute(ServiceRoutes Service, RouteTable Table, string TargetPath, string Prefix, CorsDecision Cors, string? NextForwardTo, bool ByHeader);
