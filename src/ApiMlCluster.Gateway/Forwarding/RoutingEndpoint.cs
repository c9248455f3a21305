using System.Security.Authentication;
using ApiMlCluster.Core.Messages;
using ApiMlCluster.Gateway.LoadBalancing;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.Gateway.Schemes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Every gateway request that no gateway endpoint claims: match it in this node's route table, choose an
/// instance, forward with YARP's forwarder (bodies streamed both ways), and turn transport failures into Zowe
/// messages. Reads only local, immutable state: no actor is asked.
/// </summary>
internal sealed class RoutingEndpoint(RouteTableHolder routes, InstanceChooser chooser, IHttpForwarder forwarder, GatewayHttpClient client, SouthboundSchemes schemes)
{
    /// <summary>Zowe's <c>apiml.connection.timeout</c> default, used when the service's metadata names none.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(60);

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

        var choice = chooser.Choose(match.Service, context.Request.Headers[InstanceChooser.InstanceIdHeader].ToString());
        if (choice.Instance is not { } instance)
        {
            await (choice.Problem == InstanceChoiceProblem.UnknownInstance
                ? WriteAsync(context, GatewayMessages.UnknownInstance)
                : WriteAsync(context, CommonMessages.ServiceUnavailable, $"no instance of service '{match.Service.ServiceId}' is available"));
            return;
        }

        var southbound = await schemes.TranslateAsync(context, instance);
        if (southbound.Refusal is { } refusal)
        {
            await WriteAsync(context, refusal.Message, refusal.Arguments);
            return;
        }

        var timeouts = instance.Metadata.Timeouts;
        var responseTimeout = timeouts.ResponseTimeout ?? timeouts.ReadTimeout ?? timeouts.ConnectTimeout;
        var config = new ForwarderRequestConfig
        {
            ActivityTimeout = responseTimeout is > 0 ? TimeSpan.FromMilliseconds(responseTimeout.Value) : DefaultResponseTimeout,
        };
        var prefix = $"/{match.Service.PathId}/{match.Route.GatewayUrl}";
        var error = await forwarder.SendAsync(context, instance.BaseUri.ToString(), client.Invoker, config, new GatewayTransformer(match.TargetPath, prefix, southbound));
        if (error == ForwarderError.None || context.Response.HasStarted)
        {
            return;
        }

        var failure = context.GetForwarderErrorFeature()?.Exception;
        var url = new Uri(instance.BaseUri, match.TargetPath).ToString();
        switch (error)
        {
            case ForwarderError.RequestTimedOut:
                await WriteAsync(context, GatewayMessages.Timeout, url);
                break;
            case ForwarderError.Request when HasInner<AuthenticationException>(failure):
                await WriteAsync(context, GatewayMessages.TlsError, url, failure!.GetBaseException().Message);
                break;
            case ForwarderError.Request:
                await WriteAsync(context, CommonMessages.ServiceUnavailable, $"instance '{instance.InstanceId}' of service '{match.Service.ServiceId}' did not answer");
                break;
        }
    }

    private static bool HasInner<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }

        return false;
    }

    private static Task WriteAsync(HttpContext context, MessageTemplate message, params object?[] arguments)
    {
        context.Response.Clear();
        context.Response.StatusCode = message.Status;
        return context.Response.WriteAsJsonAsync(message.View(arguments));
    }
}
