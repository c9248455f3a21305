using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiMlCluster.Core.Certificates;

/// <summary>
/// The development certificate authority of Zowe's local layout (<c>keystore/local_ca</c>): it signs the
/// node's own localhost certificate and, on request, certificates for services that onboard.
/// </summary>
public sealed class LocalCertificateAuthority : IDisposable
{
    public const string Alias = "localca";

    private LocalCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public static string KeystorePath(string keystoreRoot) => Path.Combine(keystoreRoot, "local_ca", "localca.keystore.p12");

    public static string CertificatePath(string keystoreRoot) => Path.Combine(keystoreRoot, "local_ca", "localca.cer");

    public static LocalCertificateAuthority Create(TimeProvider clock)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=ApiMlCluster Development Local CA, OU=API Mediation Layer, O=ApiMlCluster",
            key,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = clock.GetUtcNow();
        return new LocalCertificateAuthority(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10)));
    }

    public static LocalCertificateAuthority Load(string keystoreRoot, string password)
    {
        var entries = Pkcs12Reader.ReadKeyEntries(File.ReadAllBytes(KeystorePath(keystoreRoot)), password);
        var entry = entries.FirstOrDefault(e => e.Alias == Alias) ?? entries.FirstOrDefault()
            ?? throw new CryptographicException($"{KeystorePath(keystoreRoot)} holds no private key");
        return new LocalCertificateAuthority(entry.Certificate);
    }

    public void Save(string keystoreRoot, string password)
    {
        var keystore = KeystorePath(keystoreRoot);
        CertificateFiles.WriteSecret(keystore, Pkcs12Writer.Keystore(Alias, Certificate, [], password));
        CertificateFiles.WritePublic(CertificatePath(keystoreRoot), Certificate.ExportCertificatePem());
    }

    /// <summary>Issues a server-and-client certificate, as Zowe's certificates are used in both directions.</summary>
    public X509Certificate2 Issue(string commonName, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, TimeProvider clock)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN={commonName}, OU=API Mediation Layer, O=ApiMlCluster"),
            key,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            names.AddDnsName(dns);
        }

        foreach (var address in addresses.Distinct())
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());

        var now = clock.GetUtcNow();
        var notAfter = now.AddYears(2) < Certificate.NotAfter ? now.AddYears(2) : new DateTimeOffset(Certificate.NotAfter);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, now.AddDays(-1), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    public void Dispose() => Certificate.Dispose();
}
