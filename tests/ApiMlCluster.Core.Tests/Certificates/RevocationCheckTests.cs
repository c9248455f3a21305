using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Core.Tests.Certificates;

/// <summary>
/// <c>zowe.certificate.truststore.revocationCheck</c> against a real CRL: an authority of the test's own whose
/// certificates name a CRL distribution point served over HTTP on 127.0.0.1, the CRL signed by that authority.
/// </summary>
public sealed class RevocationCheckTests : IDisposable
{
    private readonly HttpListener crlServer = new();
    private readonly int crlPort = FreePorts.Take(1)[0];
    private readonly X509Certificate2 authority;
    private byte[] crl = [];

    public RevocationCheckTests()
    {
        crlServer.Prefixes.Add($"http://127.0.0.1:{crlPort}/");
        crlServer.Start();
        _ = ServeAsync();
        authority = CreateAuthority();
    }

    [Fact]
    public void IsTrusted_Online_RefusesARevokedCertificateAndKeepsTheOthers()
    {
        using var revoked = Issue("revoked", CrlUrl);
        using var good = Issue("good", CrlUrl);
        crl = Crl(revoked);
        using var material = Material(RevocationCheck.Online);

        Assert.False(material.IsTrusted(revoked));
        Assert.True(material.IsTrusted(good));
    }

    [Fact]
    public void IsTrusted_None_AcceptsARevokedCertificate()
    {
        using var revoked = Issue("revoked", CrlUrl);
        crl = Crl(revoked);
        using var material = Material(RevocationCheck.None);

        Assert.True(material.IsTrusted(revoked));
    }

    [Fact]
    public void IsTrusted_OnlineWithTheCrlUnreachable_RefusesButSoftFailAccepts()
    {
        var nowhere = $"http://127.0.0.1:{FreePorts.Take(1)[0]}/missing.crl";
        using var certificate = Issue("unknown", nowhere);
        using var strict = Material(RevocationCheck.Online);
        using var soft = Material(RevocationCheck.OnlineSoftFail);

        Assert.False(strict.IsTrusted(certificate));
        Assert.True(soft.IsTrusted(certificate));
    }

    [Fact]
    public void IsTrusted_OnlineSoftFail_StillRefusesARevokedCertificate()
    {
        using var revoked = Issue("revoked", CrlUrl);
        crl = Crl(revoked);
        using var soft = Material(RevocationCheck.OnlineSoftFail);

        Assert.False(soft.IsTrusted(revoked));
    }

    [Theory]
    [InlineData("online", RevocationCheck.Online)]
    [InlineData("online-soft-fail", RevocationCheck.OnlineSoftFail)]
    [InlineData("none", RevocationCheck.None)]
    public void Load_RevocationCheck_IsRead(string value, RevocationCheck expected)
    {
        Assert.Equal(expected, Load($"revocationCheck: {value}").Certificate.Revocation);
    }

    [Fact]
    public void Load_UnknownRevocationCheck_NamesTheKey()
    {
        var error = Assert.Throws<ConfigException>(() => Load("revocationCheck: sometimes"));

        Assert.Equal("zowe.certificate.truststore.revocationCheck", error.Key);
    }

    public void Dispose()
    {
        crlServer.Close();
        authority.Dispose();
    }

    private string CrlUrl => $"http://127.0.0.1:{crlPort}/ca.crl";

    private static NodeConfig Load(string truststoreKeys)
    {
        const string ConfigFile = "/opt/zowe/zowe.yaml";
        var yaml = $$"""
            zowe: { workspaceDirectory: /w, certificate: { truststore: { {{truststoreKeys}} } } }
            components: { gateway: { apiml: { security: { auth: { provider: dummy } } } } }
            """;
        return ZoweConfigLoader.Build(YamlTree.Parse(yaml, ConfigFile), ConfigFile, null);
    }

    private TlsMaterial Material(RevocationCheck revocation) =>
        new(X509CertificateLoader.LoadPkcs12(authority.Export(X509ContentType.Pkcs12), null), [], [X509CertificateLoader.LoadCertificate(authority.RawData)])
        {
            Revocation = revocation,
        };

    private async Task ServeAsync()
    {
        while (crlServer.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await crlServer.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var body = context.Request.Url?.AbsolutePath == "/ca.crl" ? crl : [];
            context.Response.StatusCode = body.Length > 0 ? 200 : 404;
            context.Response.ContentType = "application/pkix-crl";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static X509Certificate2 CreateAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Revocation Test CA {Guid.NewGuid():N}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private X509Certificate2 Issue(string commonName, string crlUrl)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl]));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        return request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(10), serial);
    }

    private byte[] Crl(X509Certificate2 revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        builder.AddEntry(revoked, DateTimeOffset.UtcNow.AddMinutes(-5));
        return builder.Build(authority, 1, DateTimeOffset.UtcNow.AddDays(1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, DateTimeOffset.UtcNow.AddMinutes(-10));
    }
}
