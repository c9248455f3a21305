using ApiMlCluster.Auth.Authentication;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Auth.X509;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Gateway.Forwarding;
using ApiMlCluster.Gateway.PassTickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>Registers the southbound schemes. Bad PassTicket keys stop the node here, at start-up.</summary>
internal static class SchemesModule
{
    public static readonly TimeSpan SafIdtTimeout = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddSouthboundSchemes(this IServiceCollection services, NodeConfig config, TlsMaterial tls)
    {
        var settings = config.GatewaySchemes;
        var keys = CreateKeys(settings);
        var certificateUsers = config.Auth.X509Enabled && config.Auth.X509MappingFile is { } file ? CertificateUserMapping.Load(file) : null;
        services
            .AddSingleton(settings)
            .AddSingleton(keys)
            .AddSingleton(new CredentialCookies(config.Auth.CookieName))
            .AddSingleton(sp => new PassTicketGenerator(keys, sp.GetRequiredService<TimeProvider>()))
            .AddSingleton<PassTicketIssuer>()
            .AddSingleton<IPersonalAccessTokens>(sp => config.Auth.PersonalAccessTokensEnabled
                ? new LocalPersonalAccessTokens(sp.GetRequiredService<ApiMlCluster.Auth.AccessTokens.PersonalAccessTokenCheck>())
                : new NoPersonalAccessTokens())
            .AddSingleton(sp => new SchemeCallers(
                config.Auth,
                sp.GetRequiredService<TokenAuthenticator>(),
                sp.GetRequiredService<IPersonalAccessTokens>(),
                certificateUsers,
                tls))
            .AddSingleton(sp => new MintedTokens(
                sp.GetRequiredService<TokenIssuer>(),
                sp.GetRequiredService<RevocationSnapshot>(),
                sp.GetRequiredService<TimeProvider>(),
                config.Auth.TokenLifetime))
            .AddSingleton<ISessionCredentials, ReplicatedSessionCredentials>()
            .AddSingleton<ZoweJwtScheme>()
            .AddSingleton<PassTicketScheme>()
            .AddSingleton<ZosmfScheme>()
            .AddSingleton<X509Scheme>()
            .AddSingleton(sp => new SafIdtScheme(
                sp.GetRequiredService<CredentialCookies>(),
                sp.GetRequiredService<PassTicketIssuer>(),
                settings.SafIdtUrl is { } url
                    ? new SafIdtProvider(sp.GetRequiredService<GatewayHttpClient>().Invoker, url, sp.GetRequiredService<TimeProvider>(), SafIdtTimeout)
                    : null,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SafIdtScheme>>()))
            .AddSingleton<SouthboundSchemes>()
            .AddSingleton<Tickets.TicketService>();
        return services;
    }

    private static PassTicketKeys CreateKeys(GatewaySchemeSettings settings)
    {
        try
        {
            return PassTicketKeys.Create(settings.PassTicketKeys.ToDictionary(k => k.Key, k => new PassTicketKeyConfig(k.Value.Algorithm, k.Value.Key)));
        }
        catch (PassTicketConfigurationException e)
        {
            throw new ConfigException("components.gateway.apiml.security.passTicket.keys", e.Message);
        }
    }
}
