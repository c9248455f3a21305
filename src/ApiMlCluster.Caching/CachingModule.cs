using ApiMlCluster.Core.Http;
using Akka.Actor;
using ApiMlCluster.Caching.Api;
using ApiMlCluster.Caching.Registration;
using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Core.Configuration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Caching;

/// <summary>The caching service's seams for the node host: services, actors, endpoints.</summary>
public static class CachingModule
{
    /// <summary>HOCON the context needs in the ActorSystem (its serializer).</summary>
    public const string Hocon = CachingSerializer.Hocon;

    public static IServiceCollection AddApimlCaching(this IServiceCollection services, NodeConfig config)
    {
        services.AddLocalPortRouting();
        services
            .AddSingleton(config.CachingSettings)
            .AddSingleton(new CachingActorsHolder())
            .AddSingleton<CacheStore>()
            .AddSingleton<CallerNamespace>()
            .AddSingleton<ServiceIdQuota>();
        if (config.CachingService.Enabled)
        {
            services.AddHostedService<CachingServiceRegistration>();
        }

        return services;
    }

    /// <summary>Starts the bucket shard region on every node (a node without the caching port still hosts buckets); call once the ActorSystem exists.</summary>
    public static void StartCachingActors(ActorSystem system, IServiceProvider services, string role)
    {
        var actors = CachingActors.Start(
            system,
            BucketLimits.From(services.GetRequiredService<CachingSettings>()),
            services.GetRequiredService<TimeProvider>(),
            role);
        services.GetRequiredService<CachingActorsHolder>().Set(actors);
    }

    public static void MapApimlCaching(this IEndpointRouteBuilder routes, NodeConfig config)
    {
        if (config.CachingService.Enabled)
        {
            routes.MapCachingEndpoints(config.CachingService.Port);
        }
    }
}
