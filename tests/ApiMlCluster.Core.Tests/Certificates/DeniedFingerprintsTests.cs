using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Core.Tests.Certificates;

/// <summary><c>zowe.certificate.truststore.deniedFingerprints</c>: certificates that chain to an anchor but are never trusted.</summary>
public sealed class DeniedFingerprintsTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task IsTrusted_ServiceCertificateWhoseFingerprintIsDenied_IsFalseWhileOthersStayTrusted()
    {
        using var service = await IssueServiceCertificateAsync("evil");
        using var other = await IssueServiceCertificateAsync("good");
        var fingerprint = string.Join(':', Convert.ToHexString(service.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)));

        using var material = TlsMaterialLoader.Load(Load($"[\"{fingerprint}\"]").Certificate);

        Assert.False(material.IsTrusted(service));
        Assert.True(material.IsTrusted(other));
        Assert.True(material.IsTrusted(material.ServerCertificate));
    }

    [Fact]
    public async Task IsTrusted_CertificateWhosePublicKeyIsDenied_IsFalse()
    {
        using var service = await IssueServiceCertificateAsync("leaked");

        using var material = TlsMaterialLoader.Load(Load($"[\"{PublicKeyFingerprint.Of(service).ToLowerInvariant()}\"]").Certificate);

        Assert.False(material.IsTrusted(service));
    }

    [Fact]
    public async Task IsTrusted_DeniedIssuingAuthority_RefusesEveryCertificateItIssued()
    {
        using var service = await IssueServiceCertificateAsync("any");
        using var anchors = TlsMaterialLoader.Load(Load("[]").Certificate);
        var authority = PublicKeyFingerprint.Of(anchors.TrustAnchors[0]);

        using var material = TlsMaterialLoader.Load(Load($"[\"{authority}\"]").Certificate);

        Assert.False(material.IsTrusted(service));
    }

    [Fact]
    public void Load_EntryThatIsNotAFingerprint_NamesTheKeyAndIndex()
    {
        var error = Assert.Throws<ConfigException>(() => Load("[\"AB:CD\", \"not hex\"]"));

        Assert.Equal("zowe.certificate.truststore.deniedFingerprints[0]", error.Key);
    }

    public void Dispose() => temp.Dispose();

    private NodeConfig Load(string denied) =>
        ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", $$"""
            zowe:
              workspaceDirectory: workspace
              externalDomains: [localhost]
              certificate: { truststore: { deniedFingerprints: {{denied}} } }
            zOSMF: { host: zosmf.example.com }
            """), null);

    private async Task<X509Certificate2> IssueServiceCertificateAsync(string name)
    {
        var config = Load("[]");
        await DevelopmentCertificates.EnsureAsync(config, TimeProvider.System, default);
        var output = Path.Combine(temp.Root, "services", name);
        DevelopmentCertificates.IssueServiceCertificate(DevelopmentCertificates.KeystoreRoot(config.WorkspaceDirectory), name, [], output, TimeProvider.System);
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(output, name + ".pem"), Path.Combine(output, name + ".key"));
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
