using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Auth.Providers.Dummy;
using ApiMlCluster.Auth.Providers.FileStore;
using ApiMlCluster.Auth.Providers.Zosmf;
using ApiMlCluster.Core.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiMlCluster.Auth.Tests.Providers;

public sealed class AuthenticationProvidersTests(ZosmfCertificates certificates) : IClassFixture<ZosmfCertificates>
{
    [Theory]
    [InlineData("dummy", typeof(DummyProvider))]
    [InlineData("file", typeof(FileProvider))]
    [InlineData("zosmf", typeof(ZosmfProvider))]
    public void Create_ProviderName_ReturnsThatProvider(string name, Type expected)
    {
        using var tls = certificates.NodeTls();

        var provider = Create(Settings(name, new ZosmfSettings("127.0.0.1", 443, ZosmfTokenMode.Jwt)), tls);

        Assert.Equal((expected, name), (provider.GetType(), provider.Name));
        (provider as IDisposable)?.Dispose();
    }

    [Fact]
    public void Create_ZosmfWithoutZosmfSettings_Throws()
    {
        using var tls = certificates.NodeTls();

        Assert.Throws<ArgumentException>(() => Create(Settings("zosmf", null), tls));
    }

    [Fact]
    public void Create_UnknownProvider_ThrowsNamingIt()
    {
        using var tls = certificates.NodeTls();

        var error = Assert.Throws<ArgumentException>(() => Create(Settings("saf", null), tls));

        Assert.Contains("'saf'", error.Message);
    }

    private static IAuthenticationProvider Create(AuthSettings settings, Core.Certificates.TlsMaterial tls) =>
        AuthenticationProviders.Create(settings, tls, TimeProvider.System, NullLoggerFactory.Instance);

    private static AuthSettings Settings(string provider, ZosmfSettings? zosmf) => new()
    {
        Provider = provider,
        CookieName = AuthSettings.DefaultCookieName,
        TokenLifetime = TimeSpan.FromHours(8),
        ShortLivedUser = null,
        ShortTokenLifetime = TimeSpan.FromSeconds(50),
        AllowTokenRefresh = false,
        X509Enabled = false,
        X509MappingFile = null,
        UsersFile = Path.Combine(Path.GetTempPath(), "apiml-no-such-users.yaml"),
        VerificationKeyFiles = [],
        Zosmf = zosmf,
    };
}
