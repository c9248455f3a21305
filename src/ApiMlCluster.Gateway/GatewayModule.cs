using ApiMlCluster.Core.Http;
using Akka.Actor;
using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Gateway.Authorization;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Gateway.Edge;
using ApiMlCluster.Gateway.Forwarding;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.LoadBalancing;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.Gateway.Schemes;
using ApiMlCluster.Gateway.Sticky;
using ApiMlCluster.Gateway.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Gateway;

/// <summary>The gateway context's seams for the node host: services, actors and the routing endpoint.</summary>
public static class GatewayModule
{
    public static IServiceCollection AddApimlGateway(this IServiceCollection services, NodeConfig config, TlsMaterial tls)
    {
        services.AddLocalPortRouting();
        services.AddHttpForwarder();
        var routing = config.GatewayRouting;
        services
            .AddSingleton(sp => new RouteTableHolder(sp.GetRequiredService<RegistrySnapshot>(), RouteTable.DefaultIgnoredServices))
            .AddSingleton(routing)
            .AddSingleton<EdgeRouter>()
            .AddSingleton(sp => new InstanceHealth(sp.GetRequiredService<TimeProvider>(), routing.FailedInstanceProbation))
            .AddSingleton<InstanceChooser>()
            .AddSingleton(new StickySnapshot())
            .AddSingleton(sp => new StickyRouting(
                sp.GetRequiredService<StickySnapshot>(),
                sp.GetRequiredService<InstanceChooser>(),
                sp.GetRequiredService<InstanceHealth>(),
                routing.StickyExpiration,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<StickyRouting>>()))
            .AddSingleton(new GatewayHttpClient(ServiceHttpClient.Create(tls, config.VerifyCertificates, routing.ConnectionTimeout)))
            .AddSingleton<ForwardingAttempts>()
            .AddSingleton(sp => new RouteAuthorization(config.Auth.Authorization, sp.GetRequiredService<SchemeCallers>(), sp.GetRequiredService<IAuthorizationProvider>()))
            .AddSingleton<RoutingEndpoint>()
            .AddSouthboundSchemes(config, tls);
        return services;
    }

    /// <summary>The gateway's own endpoints: the PassTicket endpoint of the auth API.</summary>
    public static void MapApimlGateway(this IEndpointRouteBuilder routes, NodeConfig config)
    {
        if (config.Gateway.Enabled)
        {
            routes.MapTicketEndpoint(config.Gateway.Port);
        }
    }

    /// <summary>HOCON the context needs in the ActorSystem (its serializer).</summary>
    public const string Hocon = GatewaySerializer.Hocon;

    /// <summary>Starts the host of the sticky buckets and this node's replicas; call once the ActorSystem exists.</summary>
    public static void StartGatewayActors(ActorSystem system, IServiceProvider services, string role)
    {
        var actors = GatewayActors.Start(
            system,
            services.GetRequiredService<StickySnapshot>(),
            services.GetRequiredService<InstanceHealth>(),
            services.GetRequiredService<RouteTableHolder>(),
            services.GetRequiredService<GatewayRoutingSettings>().StickyExpiration,
            services.GetRequiredService<TimeProvider>(),
            role);
        services.GetRequiredService<StickyRouting>().Use(actors.StickyBuckets);
    }

    /// <summary>
    /// First in the node's pipeline: a gateway-port request whose first path segment begins none of the node's
    /// endpoints goes to the services at once (<see cref="ServicePathShortcut"/>).
    /// </summary>
    public static void UseApimlGatewayShortcut(this IApplicationBuilder app, NodeConfig config)
    {
        if (!config.Gateway.Enabled)
        {
            return;
        }

        var port = config.Gateway.Port;
        var routing = app.ApplicationServices.GetRequiredService<RoutingEndpoint>();
        var shortcut = new ServicePathShortcut(app.ApplicationServices.GetServices<EndpointDataSource>().Concat(app is IEndpointRouteBuilder routes ? routes.DataSources : []));
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port || shortcut.IsNodePath(context.Request.Path))
            {
                return next(context);
            }

            AddSecurityHeaders(context.Response);
            return routing.HandleAsync(context);
        });
    }

    /// <summary>
    /// Sends every gateway-port request that no endpoint of the node claims to the services. Runs as middleware after
    /// endpoint selection, not as a catch-all endpoint: a wrong method on one of the gateway's own paths must still
    /// get the gateway's 405, which a catch-all route would hide.
    /// </summary>
    public static void UseApimlGateway(this IApplicationBuilder app, NodeConfig config)
    {
        if (!config.Gateway.Enabled)
        {
            return;
        }

        var port = config.Gateway.Port;
        var routing = app.ApplicationServices.GetRequiredService<RoutingEndpoint>();
        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort != port)
            {
                await next(context);
                return;
            }

            AddSecurityHeaders(context.Response);
            if (context.GetEndpoint() is null)
            {
                await routing.HandleAsync(context);
                return;
            }

            await next(context);
        });
    }

    /// <summary>On every gateway-port response; a static callback with the response as state, so no closure per request.</summary>
    private static void AddSecurityHeaders(HttpResponse response) => response.OnStarting(
        static state =>
        {
            SecurityHeaders.Apply(((HttpResponse)state).Headers);
            return Task.CompletedTask;
        },
        response);
}
