using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Core.Tests.Certificates;

public sealed class DevelopmentCertificatesTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task EnsureAsync_FirstRun_CreatesZowesLocalLayout()
    {
        var config = Config();

        Assert.True(await DevelopmentCertificates.EnsureAsync(config, TimeProvider.System, default));

        var root = Path.Combine(temp.Root, "workspace", "keystore");
        string[] expected =
        [
            "local_ca/localca.cer", "local_ca/localca.keystore.p12",
            "localhost/localhost.keystore.p12", "localhost/localhost.truststore.p12", "localhost/localhost.pem", "localhost/localhost.key",
        ];
        Assert.All(expected, f => Assert.True(File.Exists(Path.Combine(root, f)), f));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, "localhost/localhost.key")));
    }

    [Fact]
    public async Task EnsureAsync_SecondRun_KeepsTheExistingCertificates()
    {
        var config = await GeneratedAsync();
        var before = File.ReadAllBytes(((Pkcs12Key)config.Certificate.Key).File);

        Assert.False(await DevelopmentCertificates.EnsureAsync(config, TimeProvider.System, default));

        Assert.Equal(before, File.ReadAllBytes(((Pkcs12Key)config.Certificate.Key).File));
    }

    [Fact]
    public async Task EnsureAsync_ConcurrentFirstRuns_GenerateOnce()
    {
        var config = Config();

        var generated = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DevelopmentCertificates.EnsureAsync(config, TimeProvider.System, default))));

        Assert.Single(generated, g => g);
        using var material = TlsMaterialLoader.Load(config.Certificate);
        Assert.True(material.IsTrusted(material.ServerCertificate));
    }

    [Fact]
    public async Task GeneratedKeystore_HoldsAServerAndClientCertificateForLocalhostSignedByTheLocalCa()
    {
        var config = await GeneratedAsync();

        using var material = TlsMaterialLoader.Load(config.Certificate);
        var certificate = material.ServerCertificate;

        Assert.True(certificate.HasPrivateKey);
        Assert.Contains("CN=localhost", certificate.Subject);
        Assert.True(certificate.MatchesHostname("localhost"));
        Assert.True(certificate.MatchesHostname("lpar2.example.com"));
        var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(IPAddress.Loopback, sans.EnumerateIPAddresses());
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages);
        Assert.Single(material.TrustAnchors);
        Assert.Equal(material.TrustAnchors[0].Subject, certificate.Issuer);
        Assert.True(material.IsTrusted(certificate));
    }

    [Fact]
    public async Task PemCopies_PairIntoTheSameCertificate()
    {
        var config = await GeneratedAsync();
        var dir = Path.Combine(temp.Root, "workspace", "keystore", "localhost");

        using var fromPem = X509Certificate2.CreateFromPemFile(Path.Combine(dir, "localhost.pem"), Path.Combine(dir, "localhost.key"));
        using var fromP12 = TlsMaterialLoader.Load(config.Certificate);

        Assert.Equal(fromP12.ServerCertificate.Thumbprint, fromPem.Thumbprint);
        Assert.True(fromPem.HasPrivateKey);
    }

    [Fact]
    public async Task Load_WrongKeystorePassword_NamesThePasswordKey()
    {
        var config = await GeneratedAsync();
        var key = (Pkcs12Key)config.Certificate.Key;

        var error = Assert.Throws<ConfigException>(() => TlsMaterialLoader.Load(config.Certificate with { Key = key with { Password = "wrong" } }));

        Assert.Equal("zowe.certificate.keystore.password", error.Key);
    }

    [Fact]
    public async Task Load_UnknownAlias_NamesTheAliasKeyAndListsTheAliases()
    {
        var config = await GeneratedAsync();
        var key = (Pkcs12Key)config.Certificate.Key;

        var error = Assert.Throws<ConfigException>(() => TlsMaterialLoader.Load(config.Certificate with { Key = key with { Alias = "apiml" } }));

        Assert.Equal("zowe.certificate.keystore.alias", error.Key);
        Assert.Contains("localhost", error.Message);
    }

    [Fact]
    public void Load_MissingKeystoreFile_NamesTheFileKey()
    {
        var config = Config();

        var error = Assert.Throws<ConfigException>(() => TlsMaterialLoader.Load(config.Certificate));

        Assert.Equal("zowe.certificate.keystore.file", error.Key);
    }

    [Fact]
    public void Load_FileThatIsNotPkcs12_NamesThePasswordKey()
    {
        var file = temp.WriteFile("garbage.p12", "not a keystore");
        var trust = temp.WriteFile("trust.p12", "not a keystore");

        var error = Assert.Throws<ConfigException>(() => TlsMaterialLoader.Load(new CertificateConfig(new Pkcs12Key(file, "password", null), new Pkcs12Trust(trust, "password"), false)));

        Assert.Equal("zowe.certificate.keystore.password", error.Key);
    }

    [Fact]
    public async Task Load_ConfiguredPemKeystore_IsUsedAsGiven()
    {
        var config = await GeneratedAsync();
        var keystore = Path.Combine(temp.Root, "workspace", "keystore");

        using var material = TlsMaterialLoader.Load(new CertificateConfig(
            new PemKey(Path.Combine(keystore, "localhost/localhost.pem"), Path.Combine(keystore, "localhost/localhost.key")),
            new PemTrust([Path.Combine(keystore, "local_ca/localca.cer")]),
            false));

        Assert.True(material.ServerCertificate.HasPrivateKey);
        Assert.True(material.IsTrusted(material.ServerCertificate));
    }

    [Fact]
    public async Task IssueServiceCertificate_IsTrustedByTheNodesTruststore()
    {
        var config = await GeneratedAsync();
        var output = Path.Combine(temp.Root, "service");

        DevelopmentCertificates.IssueServiceCertificate(DevelopmentCertificates.KeystoreRoot(config.WorkspaceDirectory), "discoverable-client", ["dc.example.com", "10.1.1.1"], output, TimeProvider.System);

        var entries = Pkcs12Reader.ReadKeyEntries(File.ReadAllBytes(Path.Combine(output, "discoverable-client.keystore.p12")), "password");
        var entry = Assert.Single(entries);
        Assert.Equal("discoverable-client", entry.Alias);
        Assert.True(entry.Certificate.MatchesHostname("dc.example.com"));
        using var node = TlsMaterialLoader.Load(config.Certificate);
        Assert.True(node.IsTrusted(entry.Certificate));
        Assert.True(File.Exists(Path.Combine(output, "localca.cer")));
    }

    [Fact]
    public async Task ForeignCertificate_IsNotTrusted()
    {
        var config = await GeneratedAsync();
        using var stranger = LocalCertificateAuthority.Create(TimeProvider.System);
        using var foreign = stranger.Issue("localhost", ["localhost"], [], TimeProvider.System);

        using var node = TlsMaterialLoader.Load(config.Certificate);

        Assert.False(node.IsTrusted(foreign));
    }

    [Fact]
    public async Task GeneratedKeystores_AreReadByOpenSslWithTheirAliases()
    {
        var config = await GeneratedAsync();

        var output = Run("openssl", "pkcs12", "-in", ((Pkcs12Key)config.Certificate.Key).File, "-passin", "pass:password", "-nokeys", "-info");

        Assert.Contains("friendlyName: localhost", output);
        Assert.Contains("CN = localhost", output);
        Assert.Contains("issuer=O = ApiMlCluster, OU = API Mediation Layer, CN = ApiMlCluster Development Local CA", output);
    }

    [Fact]
    public async Task GeneratedTruststore_ListsATrustedCertEntryInJavaKeytool()
    {
        var config = await GeneratedAsync();

        var output = Run("keytool", "-list", "-keystore", ((Pkcs12Trust)config.Certificate.Trust).File, "-storetype", "PKCS12", "-storepass", "password");

        Assert.Contains("localca, ", output);
        Assert.Contains("trustedCertEntry", output);
    }

    [Fact]
    public async Task GeneratedKeystore_ListsAPrivateKeyEntryInJavaKeytool()
    {
        var config = await GeneratedAsync();

        var output = Run("keytool", "-list", "-keystore", ((Pkcs12Key)config.Certificate.Key).File, "-storetype", "PKCS12", "-storepass", "password");

        Assert.Contains("localhost, ", output);
        Assert.Contains("PrivateKeyEntry", output);
    }

    public void Dispose() => temp.Dispose();

    private NodeConfig Config()
    {
        var file = temp.WriteFile("zowe.yaml", """
            zowe:
              workspaceDirectory: workspace
              externalDomains: [lpar2.example.com]
            zOSMF: { host: zosmf.example.com }
            """);
        return ZoweConfigLoader.Load(file, null);
    }

    private async Task<NodeConfig> GeneratedAsync()
    {
        var config = Config();
        await DevelopmentCertificates.EnsureAsync(config, TimeProvider.System, default);
        return config;
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), $"{program} did not finish");
        Assert.True(process.ExitCode == 0, $"{program} failed: {error.Result}");
        return output.Result + error.Result;
    }
}
