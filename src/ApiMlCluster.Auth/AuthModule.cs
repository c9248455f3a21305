using ApiMlCluster.Core.Http;
using Akka.Actor;
using Akka.Pattern;
using ApiMlCluster.Auth.AccessTokens;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Audit;
using ApiMlCluster.Auth.Authentication;
using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Auth.Callers;
using ApiMlCluster.Auth.Endpoints;
using ApiMlCluster.Auth.Login;
using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Sessions;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Auth.X509;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth;

/// <summary>The authentication context's seams for the node host: services, actors, endpoints.</summary>
public static class AuthModule
{
    /// <summary>HOCON the context needs in the ActorSystem (its serializer).</summary>
    public const string Hocon = AuthSerializer.Hocon;

    /// <summary>Registers the services; fails with a <see cref="ConfigException"/> when keys or mapping files are unusable.</summary>
    public static IServiceCollection AddApimlAuthentication(this IServiceCollection services, NodeConfig config, TlsMaterial tls, TimeProvider clock)
    {
        services.AddLocalPortRouting();
        var settings = config.Auth;
        var keys = JwtSigningKeys.Create(tls.ServerCertificate, settings.VerificationKeyFiles);
        var mapping = settings.X509Enabled && settings.X509MappingFile is { } file ? CertificateUserMapping.Load(file) : null;
        var stores = new AuthStores();

        services
            .AddSingleton(settings)
            .AddSingleton(keys)
            .AddSingleton(stores)
            .AddSingleton(stores.Revocations)
            .AddSingleton(stores.Rules)
            .AddSingleton(stores.Sessions)
            .AddSingleton(CredentialSealer.From(keys))
            .AddSingleton<AuthWrites>()
            .AddSingleton<PersonalAccessTokenCheck>()
            .AddSingleton(new TokenIssuer(keys, clock))
            .AddSingleton(new TokenValidator(keys, clock, cacheCapacity: 20_000))
            .AddSingleton<TokenAuthenticator>()
            .AddSingleton<CallerAuthenticator>()
            .AddSingleton(new LoginThrottle(clock))
            .AddSingleton<SourceRateLimiters>()
            .AddSingleton(new AuthActorsHolder())
            .AddSingleton(sp => AuthorizationProviders.Create(settings.Authorization, tls, clock, sp.GetRequiredService<ILoggerFactory>()))
            .AddSingleton(sp => new SafCallers(sp.GetRequiredService<CallerAuthenticator>(), mapping))
            .AddSingleton<AuthorizationCheckEndpoint>()
            .AddSingleton(sp => new StreamingAuditTrail(sp.GetRequiredService<ILoggerFactory>(), AuditSettings.Default))
            .AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<StreamingAuditTrail>())
            .AddSingleton(settings.Authorization)
            .AddSingleton(new AuditLogHolder())
            .AddSingleton<AuditEndpoint>()
            .AddSingleton(sp => AuthenticationProviders.Create(settings, tls, clock, sp.GetRequiredService<ILoggerFactory>()))
            .AddSingleton(sp => new AuthService(
                settings,
                sp.GetRequiredService<IAuthenticationProvider>(),
                sp.GetRequiredService<TokenIssuer>(),
                sp.GetRequiredService<TokenAuthenticator>(),
                sp.GetRequiredService<LoginThrottle>(),
                mapping,
                tls,
                sp.GetRequiredService<AuthWrites>(),
                clock,
                sp.GetRequiredService<ILogger<AuthService>>()))
            .AddSingleton(sp => new AccessTokenService(
                settings,
                sp.GetRequiredService<IAuthenticationProvider>(),
                sp.GetRequiredService<LoginThrottle>(),
                mapping,
                tls,
                sp.GetRequiredService<TokenIssuer>(),
                sp.GetRequiredService<PersonalAccessTokenCheck>(),
                sp.GetRequiredService<IAuthorizationProvider>(),
                sp.GetRequiredService<IAuditTrail>(),
                sp.GetRequiredService<AuthWrites>(),
                clock,
                sp.GetRequiredService<ILogger<AccessTokenService>>()));
        return services;
    }

    /// <summary>Starts this node's log writers and replicas (revocations, PAT rules, sessions) and its audit writer; call once the ActorSystem exists.</summary>
    public static void StartAuthActors(ActorSystem system, IServiceProvider services)
    {
        var node = services.GetRequiredService<NodeConfig>();
        var settings = services.GetRequiredService<AuthSettings>();
        var clock = services.GetRequiredService<TimeProvider>();
        var actors = AuthActors.Start(
            system,
            services.GetRequiredService<AuthStores>(),
            new ReplicationSettings { PruneInterval = settings.CleanupInterval },
            clock,
            WriterInstance(node.HaInstanceId),
            [.. node.Peers.Select(p => WriterInstance(p.HaInstanceId)).Distinct(StringComparer.Ordinal)]);
        services.GetRequiredService<AuthActorsHolder>().Set(actors);

        var writer = system.ActorOf(
            BackoffSupervisor.Props(Backoff.OnStop(
                AuditWriter.Props(AuditWriterId.For(node.Hostname, node.Cluster.Port), settings.AuditRetention, clock), "writer", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1)),
            "audit-writer");
        services.GetRequiredService<StreamingAuditTrail>().Start(system, writer);
        services.GetRequiredService<AuditLogHolder>().Set(new AuditLog(system));
    }

    /// <summary>Whether this node has read every node's revocations, PAT rules and sessions since it started (health).</summary>
    public static bool ReplicasReady(IServiceProvider services) => services.GetRequiredService<AuthStores>().IsReady;

    /// <summary>
    /// The writer identity in persistence ids: the haInstance id, stable across restarts and host moves. A single-node
    /// zowe.yaml has none; its hostname may change, so it gets a fixed name.
    /// </summary>
    private static string WriterInstance(string? haInstanceId) => haInstanceId ?? "single";

    public static void MapApimlAuthentication(this IEndpointRouteBuilder routes, NodeConfig config)
    {
        // Built now, so a bad authorization rules file stops the node at start-up, not at the first check.
        routes.ServiceProvider.GetRequiredService<IAuthorizationProvider>();
        routes.MapAuthEndpoints(config.Gateway.Port, config.Auth.AllowTokenRefresh, config.Auth.PersonalAccessTokensEnabled);
        AuditEndpoint.Map(routes, config.Gateway.Port);
    }
}
