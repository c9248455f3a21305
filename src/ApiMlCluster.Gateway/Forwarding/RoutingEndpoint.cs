using ApiMlCluster.Core.Messages;
using ApiMlCluster.Gateway.Routing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Every gateway request that no gateway endpoint claims: match it in this node's route table and hand it to
/// <see cref="ForwardingAttempts"/> (instance choice, YARP's forwarder with bodies streamed both ways, retries,
/// Zowe messages for transport failures). Reads only local, immutable state, except a sticky miss (rare).
/// </summary>
internal sealed class RoutingEndpoint(RouteTableHolder routes, ForwardingAttempts attempts)
{
    public async Task HandleAsync(HttpContext context)
    {
        // A service's own 404 or 405 must reach the client as the service sent it.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        var path = context.Request.Path.Value ?? "/";
        if (!routes.Current.TryMatch(path, out var match))
        {
            await WriteAsync(context, CommonMessages.NotFound);
            return;
        }

        var prefix = $"/{match.Service.PathId}/{match.Route.GatewayUrl}";
        await attempts.ForwardAsync(context, match, new GatewayTransformer(match.TargetPath, prefix));
    }

    private static Task WriteAsync(HttpContext context, MessageTemplate message, params object?[] arguments)
    {
        context.Response.Clear();
        context.Response.StatusCode = message.Status;
        return context.Response.WriteAsJsonAsync(message.View(arguments));
    }
}
