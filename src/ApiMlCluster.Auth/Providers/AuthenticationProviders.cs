using ApiMlCluster.Auth.Providers.Dummy;
using ApiMlCluster.Auth.Providers.FileStore;
using ApiMlCluster.Auth.Providers.Zosmf;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Providers;

internal static class AuthenticationProviders
{
    /// <summary>
    /// The provider named by <c>apiml.security.auth.provider</c>. The z/OSMF provider owns an HttpClient; the
    /// caller disposes the result when it is <see cref="IDisposable"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The provider is unknown, or zosmf without z/OSMF settings.</exception>
    public static IAuthenticationProvider Create(AuthSettings settings, TlsMaterial tls, TimeProvider clock, ILoggerFactory logs) => settings.Provider switch
    {
        DummyProvider.ProviderName => new DummyProvider(),
        FileProvider.ProviderName => new FileProvider(settings.UsersFile, clock),
        ZosmfProvider.ProviderName => new ZosmfProvider(
            settings.Zosmf ?? throw new ArgumentException("the zosmf provider needs zOSMF.host and zOSMF.port", nameof(settings)),
            tls,
            clock,
            logs.CreateLogger<ZosmfProvider>()),
        _ => throw new ArgumentException($"authentication provider '{settings.Provider}' is not supported; use dummy, file or zosmf", nameof(settings)),
    };
}
