using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Support;

/// <summary>Client certificates for tests: issued by the node's own development CA (trusted) or self-signed (not).</summary>
internal static class ServiceCertificates
{
    public static X509Certificate2 IssueTrusted(NodeConfig config, TempWorkspace temp, string commonName, params string[] subjectAlternativeNames)
    {
        var output = Path.Combine(temp.Root, "client-" + commonName);
        DevelopmentCertificates.IssueServiceCertificate(DevelopmentCertificates.KeystoreRoot(config.WorkspaceDirectory), commonName, subjectAlternativeNames, output, TimeProvider.System);
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(output, commonName + ".pem"), Path.Combine(output, commonName + ".key"));
        // SslStream needs a certificate whose key it can use from a PKCS#12 blob on Linux.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the certificate and its private key as PEM files for clients outside .NET; returns their paths.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"certificate '{certificate.Subject}' has no RSA or ECDSA private key");
        var certificatePath = Path.Combine(directory, name + ".pem");
        var keyPath = Path.Combine(directory, name + ".key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        return (certificatePath, keyPath);
    }

    public static X509Certificate2 SelfSigned(string commonName)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        // Client and server authentication, so it serves both as an untrusted client and as an untrusted service.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"), new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
