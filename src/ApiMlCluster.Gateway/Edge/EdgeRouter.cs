using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Gateway.Cors;
using ApiMlCluster.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// Everything the gateway decides about a request before it picks an instance: the encoded-character and dot-segment
/// rules on the raw path, <c>X-Forward-To</c> or path routing, and CORS (preflights are answered here). Reads only the
/// node's current route table.
/// </summary>
internal sealed class EdgeRouter(RouteTableHolder routes, GatewayRoutingSettings settings)
{
    /// <summary>The route to forward to, or null when the request has been answered (refused, unknown, or a preflight).</summary>
    public async ValueTask<EdgeRoute?> PrepareAsync(HttpContext context)
    {
        var rawPath = RawTarget.PathOf(context);
        switch (PathRules.Check(rawPath, settings.AllowEncodedSlashes))
        {
            case PathProblem.EncodedSlash:
                await WriteAsync(context, EdgeMessages.EncodedSlash, rawPath);
                return null;
            case PathProblem.DotSegment:
                await WriteAsync(context, EdgeMessages.BadRequest, $"the path '{rawPath}' has a '.' or '..' segment");
                return null;
        }

        var route = Resolve(context, routes.Current, rawPath);
        if (route is null)
        {
            await WriteAsync(context, CommonMessages.NotFound);
            return null;
        }

        if (route.Service.RefusesEncodedCharacters && PathRules.HasEncodedCharacters(rawPath))
        {
            await WriteAsync(context, EdgeMessages.EncodedCharacter, route.Service.ServiceId, rawPath);
            return null;
        }

        switch (route.Cors.Verdict)
        {
            case CorsVerdict.Refused:
                await WriteAsync(context, EdgeMessages.CorsForbidden, rawPath);
                return null;
            case CorsVerdict.Preflight:
                await CorsHeaders.WritePreflightAsync(context, route.Cors);
                return null;
            case CorsVerdict.Allowed:
                // Also on the gateway's own error answers, so a browser can read them.
                context.Response.OnStarting(
                    static state =>
                    {
                        var (response, cors) = ((HttpResponse, CorsDecision))state;
                        CorsHeaders.Grant(response.Headers, cors);
                        return Task.CompletedTask;
                    },
                    (context.Response, route.Cors));
                break;
        }

        // Kestrel's 30 MB default is for endpoints that read bodies; a streamed body costs the gateway a buffer, and
        // Zowe's gateway sets no limit of its own, so the service decides what it accepts.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }

        // Kestrel's minimum body rate (240 B/s after 5 s) would cut a client that streams slowly or pauses; silence on a
        // proxied request is bounded by the route's activity timeout instead (the service's timeout, default 60 s).
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } bodyRate)
        {
            bodyRate.MinDataRate = null;
        }

        context.Features.Set(route);
        return route;
    }

    private EdgeRoute? Resolve(HttpContext context, RouteTable table, string rawPath)
    {
        var request = context.Request;
        if (ForwardTo.TryRead(request.Headers, out var serviceId, out var next))
        {
            // Only towards another API ML's gateway: the whole path goes to it unchanged, so naming an ordinary service
            // would reach paths no route exposes and skip the route rules written for its gateway paths.
            return table.Find(serviceId) is { IsGateway: true } target
                ? new EdgeRoute(target, table, rawPath, string.Empty, DecideCors(context, target), next, ByHeader: true)
                : null;
        }

        var path = request.Path.Value ?? "/";
        if (!table.TryMatch(path, out var match))
        {
            return null;
        }

        return new EdgeRoute(match.Service, table, RawTargetPath(rawPath, match), match.Entry.Prefix, DecideCors(context, match.Service), null, ByHeader: false);
    }

    /// <summary>The route's serviceUrl followed by the rest of the path exactly as the client encoded it.</summary>
    private static string RawTargetPath(string rawPath, RouteMatch match)
    {
        var rest = RawTarget.RestStart(rawPath, match.Path, match.Consumed);
        if (rest < 0)
        {
            return new PathString(match.TargetPath).ToUriComponent();
        }

        return rest == rawPath.Length ? match.Entry.EncodedServiceUrl : string.Concat(match.Entry.EncodedServiceUrlBase, rawPath.AsSpan(rest));
    }

    private CorsDecision DecideCors(HttpContext context, ServiceRoutes service)
    {
        var headers = context.Request.Headers;
        // Most requests carry no Origin (non-browser clients): decide without building the request's description.
        if (headers.Origin.Count == 0)
        {
            return CorsDecision.NotCors;
        }

        var request = new CorsRequest(
            context.Request.Method,
            headers.Origin.ToString(),
            headers.AccessControlRequestMethod.ToString(),
            headers.AccessControlRequestHeaders.ToString(),
            $"{context.Request.Scheme}://{context.Request.Host.Value}");

        // The service's CORS metadata as its first UP instance (in instance id order) registered it.
        var cors = service.Instances.Length > 0 ? service.Instances[0].Metadata.Cors : CorsSettings.Disabled;
        return CorsPolicy.Decide(request, settings.CorsEnabled, cors);
    }

    private static Task WriteAsync(HttpContext context, MessageTemplate message, params object?[] arguments)
    {
        context.Response.Clear();
        context.Response.StatusCode = message.Status;
        return context.Response.WriteAsJsonAsync(message.View(arguments));
    }
}
