using ApiMlCluster.Core.Messages;
using ApiMlCluster.Gateway.Authorization;
using ApiMlCluster.Gateway.Edge;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Every gateway request that no gateway endpoint claims: the edge checks and matches it against this node's route
/// table (<see cref="EdgeRouter"/>: path rules, <c>X-Forward-To</c>, CORS), then it goes to
/// <see cref="ForwardingAttempts"/> (instance choice, the southbound scheme, YARP's forwarder with bodies streamed
/// both ways, retries, Zowe messages for transport failures). Reads only local, immutable state, except a sticky
/// miss and a zosmf session's first request on a node (rare). Answers its own unhandled errors, since most requests
/// reach it through <see cref="ServicePathShortcut"/>, ahead of the node's exception handler.
/// </summary>
internal sealed class RoutingEndpoint(EdgeRouter edge, RouteAuthorization authorization, ForwardingAttempts attempts, ILoggerFactory loggers)
{
    private readonly ILogger errors = loggers.CreateLogger("ApiMlCluster.Node.Errors");

    public async Task HandleAsync(HttpContext context)
    {
        try
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
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // What the node's exception handler does for its own endpoints: log it, answer without internals.
            errors.LogError(e, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = CommonMessages.InternalServerError.Status;
            await context.Response.WriteAsJsonAsync(CommonMessages.InternalServerError.View());
        }
    }
}
