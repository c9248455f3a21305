using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Support;

/// <summary>Client certificates for tests: issued by the node's own development CA (trusted) or self-signed (not).</summary>
internal static class ServiceCertificates
{
    public static X509Certificate2 IssueTrusted(NodeConfig config, TempWorkspace temp, string commonName)
    {
        var output = Path.Combine(temp.Root, "client-" + commonName);
        DevelopmentCertificates.IssueServiceCertificate(DevelopmentCertificates.KeystoreRoot(config.WorkspaceDirectory), commonName, [], output, TimeProvider.System);
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(output, commonName + ".pem"), Path.Combine(output, commonName + ".key"));
        // SslStream needs a certificate whose key it can use from a PKCS#12 blob on Linux.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    public static X509Certificate2 SelfSigned(string commonName)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
