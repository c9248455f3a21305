using ApiMlCluster.Core.Http;
using Akka.Actor;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Ownership;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Discovery.Services;
using ApiMlCluster.Discovery.StaticDefinitions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Discovery;

/// <summary>The discovery context's seams for the node host: services, actors, endpoints.</summary>
public static class DiscoveryModule
{
    /// <summary>HOCON the context needs in the ActorSystem (its serializer, the remembered-entities store).</summary>
    public const string Hocon = DiscoverySerializer.Hocon;

    public static IServiceCollection AddApimlDiscovery(this IServiceCollection services, NodeConfig config, TimeProvider clock)
    {
        services.AddLocalPortRouting();
        var settings = new RegistrySettings { MaxInstancesPerService = config.DiscoverySettings.Registration.MaxInstancesPerService };
        services
            .AddSingleton(config.DiscoverySettings)
            .AddSingleton(settings)
            .AddSingleton(new RegistrySnapshot(clock, settings.DeltaRetention))
            .AddSingleton(new DiscoveryActorsHolder())
            .AddSingleton<RegistryWriter>()
            .AddSingleton<RegistrationPreparation>()
            .AddSingleton<RegistrationAccess>()
            .AddSingleton<RegistrationGate>()
            .AddSingleton<ApplIdGrants>()
            .AddSingleton<ApplicationsResponses>()
            .AddSingleton<StaticApiService>()
            .AddHostedService<StaticDefinitionsAtStart>()
            .AddSingleton<ClientCertificateRequirement>()
            .AddSingleton<CallerRequirement>()
            .AddSingleton<ReloadRequirement>();
        return services;
    }

    /// <summary>Starts the service shard region and this node's registry replica; call once the ActorSystem exists.</summary>
    public static void StartDiscoveryActors(ActorSystem system, IServiceProvider services, string role)
    {
        var actors = DiscoveryActors.Start(
            system,
            services.GetRequiredService<RegistrySnapshot>(),
            services.GetRequiredService<RegistrySettings>(),
            services.GetRequiredService<TimeProvider>(),
            role);
        services.GetRequiredService<DiscoveryActorsHolder>().Set(actors);
    }

    public static void MapApimlDiscovery(this IEndpointRouteBuilder routes, NodeConfig config)
    {
        if (config.Discovery.Enabled)
        {
            routes.MapEurekaEndpoints(config.Discovery.Port);
            routes.MapStaticApiEndpoints(config.Discovery.Port);
        }

        if (config.Gateway.Enabled)
        {
            var host = config.ExternalDomains.Count > 0 ? config.ExternalDomains[0] : config.Hostname;
            routes.MapServicesEndpoints(config.Gateway.Port, new GatewayAddress("https", host, config.Gateway.Port));
        }
    }
}
