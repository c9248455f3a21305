using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>Builds the provider <c>components.gateway.apiml.security.authorization.provider</c> names; a bad rules file stops the node here.</summary>
internal static class AuthorizationProviders
{
    public static IAuthorizationProvider Create(AuthorizationSettings settings, TlsMaterial tls, TimeProvider clock, ILoggerFactory logs) => settings.Provider switch
    {
        "file" => FileAuthorizationProvider.Load(settings.RulesFile),
        "endpoint" => new EndpointAuthorizationProvider(
            settings.Endpoint ?? throw new ConfigException(AuthorizationSettings.Key + ".endpoint.url", "required when the authorization provider is endpoint"),
            tls,
            clock,
            logs.CreateLogger("ApiMlCluster.Authorization")),
        _ => DummyAuthorizationProvider.Load(settings.DummyFile),
    };
}
