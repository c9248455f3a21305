using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Gateway.Forwarding;
using ApiMlCluster.Gateway.LoadBalancing;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.Gateway.Schemes;
using ApiMlCluster.Gateway.Tickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Gateway;

/// <summary>The gateway context's seams for the node host: services and the routing endpoint.</summary>
public static class GatewayModule
{
    public static IServiceCollection AddApimlGateway(this IServiceCollection services, NodeConfig config, TlsMaterial tls)
    {
        services.AddHttpForwarder();
        services
            .AddSingleton(sp => new RouteTableHolder(sp.GetRequiredService<RegistrySnapshot>(), RouteTable.DefaultIgnoredServices))
            .AddSingleton<InstanceChooser>()
            .AddSingleton(new GatewayHttpClient(ServiceHttpClient.Create(tls, config.VerifyCertificates, TimeSpan.FromSeconds(15))))
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
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && context.Connection.LocalPort == port)
            {
                await context.RequestServices.GetRequiredService<RoutingEndpoint>().HandleAsync(context);
                return;
            }

            await next(context);
        });
    }
}
