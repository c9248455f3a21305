using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>Builds the provider <c>components.gateway.apiml.security.authorization.provider</c> names.</summary>
internal static class AuthorizationProviders
{
    public static IAuthorizationProvider Create(AuthorizationSettings settings) => settings.Provider switch
    {
        _ => DummyAuthorizationProvider.Load(settings.DummyFile),
    };
}
