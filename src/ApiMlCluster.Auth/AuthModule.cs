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
using ApiMlCluster.Auth.Revocation;
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
        var settings = config.Auth;
        var keys = JwtSigningKeys.Create(tls.ServerCertificate, settings.VerificationKeyFiles);
        var mapping = settings.X509Enabled && settings.X509MappingFile is { } file ? CertificateUserMapping.Load(file) : null;
        var snapshot = new RevocationSnapshot();
        var rules = new RuleSnapshot();

        services
            .AddSingleton(settings)
            .AddSingleton(keys)
            .AddSingleton(snapshot)
            .AddSingleton(rules)
            .AddSingleton<PersonalAccessTokenCheck>()
            .AddSingleton(new TokenIssuer(keys, clock))
            .AddSingleton(new TokenValidator(keys, clock, cacheCapacity: 20_000))
            .AddSingleton<TokenAuthenticator>()
            .AddSingleton<CallerAuthenticator>()
            .AddSingleton(new LoginThrottle(clock))
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
                sp.GetRequiredService<AuthActorsHolder>(),
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
                sp.GetRequiredService<AuthActorsHolder>(),
                clock,
                sp.GetRequiredService<ILogger<AccessTokenService>>()));
        return services;
    }

    /// <summary>Starts the shard regions and this node's revocation and PAT rule replicas; call once the ActorSystem exists.</summary>
    public static void StartAuthActors(ActorSystem system, IServiceProvider services, string role)
    {
        var actors = AuthActors.Start(
            system,
            services.GetRequiredService<RevocationSnapshot>(),
            new RevocationSettings(),
            services.GetRequiredService<TimeProvider>(),
            role,
            services.GetRequiredService<RuleSnapshot>());
        services.GetRequiredService<AuthActorsHolder>().Set(actors);

        var node = services.GetRequiredService<NodeConfig>();
        var writer = system.ActorOf(
            BackoffSupervisor.Props(Backoff.OnStop(AuditWriter.Props(AuditWriterId.For(node.Hostname, node.Cluster.Port)), "writer", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1)),
            "audit-writer");
        services.GetRequiredService<StreamingAuditTrail>().Start(system, writer);
        services.GetRequiredService<AuditLogHolder>().Set(new AuditLog(system));
    }

    public static void MapApimlAuthentication(this IEndpointRouteBuilder routes, NodeConfig config)
    {
        // Built now, so a bad authorization rules file stops the node at start-up, not at the first check.
        routes.ServiceProvider.GetRequiredService<IAuthorizationProvider>();
        routes.MapAuthEndpoints(config.Gateway.Port, config.Auth.AllowTokenRefresh, config.Auth.PersonalAccessTokensEnabled);
        AuditEndpoint.Map(routes, config.Gateway.Port);
    }
}
