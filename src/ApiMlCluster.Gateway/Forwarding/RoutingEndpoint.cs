using ApiMlCluster.Gateway.Authorization;
using ApiMlCluster.Gateway.Edge;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Every gateway request that no gateway endpoint claims: the edge checks and matches it against this node's route
/// table (<see cref="EdgeRouter"/>: path rules, <c>X-Forward-To</c>, CORS), then it goes to
/// <see cref="ForwardingAttempts"/> (instance choice, the southbound scheme, YARP's forwarder with bodies streamed
/// both ways, retries, Zowe messages for transport failures). Reads only local, immutable state, except a sticky
/// miss and a zosmf session's first request on a node (rare).
/// </summary>
internal sealed class RoutingEndpoint(EdgeRouter edge, RouteAuthorization authorization, ForwardingAttempts attempts)
{
    public async Task HandleAsync(HttpContext context)
    {
        // A service's own 404 or 405 must reach the client as the service sent it.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        if (await edge.PrepareAsync(context) is not { } match)
        {
            return;
        }

        if (authorization.RulesFor(match) is { } rules && !await authorization.AllowAsync(context, match, rules))
        {
            return;
        }

        await attempts.ForwardAsync(context, match);
    }
}
