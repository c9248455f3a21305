using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace ApiMlCluster.Core.Certificates;

/// <summary>
/// Writes PKCS12 files that keytool, OpenSSL and Java clients read the way Zowe's own keystores read:
/// entries carry a friendlyName (the alias) and trusted certificates carry Java's trusted-key-usage attribute,
/// without which a Java truststore loaded from PKCS12 sees no trusted entries.
/// </summary>
internal static class Pkcs12Writer
{
    private const string FriendlyNameOid = "1.2.840.113549.1.9.20";
    private const string JavaTrustedKeyUsageOid = "2.16.840.1.113894.746875.1.1";
    private const string AnyExtendedKeyUsageOid = "2.5.29.37.0";

    private static readonly PbeParameters Encryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000);

    public static byte[] Keystore(string alias, X509Certificate2 certificateWithKey, IEnumerable<X509Certificate2> chain, string password)
    {
        using var key = (AsymmetricAlgorithm?)certificateWithKey.GetRSAPrivateKey() ?? certificateWithKey.GetECDsaPrivateKey()
            ?? throw new ArgumentException("the certificate has no RSA or EC private key", nameof(certificateWithKey));
        var localKeyId = new Pkcs9LocalKeyId(certificateWithKey.GetCertHash(HashAlgorithmName.SHA256));

        var keys = new Pkcs12SafeContents();
        var keyBag = keys.AddShroudedKey(key, password, Encryption);
        keyBag.Attributes.Add(localKeyId);
        keyBag.Attributes.Add(FriendlyName(alias));

        var certificates = new Pkcs12SafeContents();
        var leaf = certificates.AddCertificate(certificateWithKey);
        leaf.Attributes.Add(localKeyId);
        leaf.Attributes.Add(FriendlyName(alias));
        foreach (var issuer in chain)
        {
            certificates.AddCertificate(issuer);
        }

        var builder = new Pkcs12Builder();
        builder.AddSafeContentsEncrypted(certificates, password, Encryption);
        builder.AddSafeContentsUnencrypted(keys);
        builder.SealWithMac(password, HashAlgorithmName.SHA256, 10_000);
        return builder.Encode();
    }

    public static byte[] Truststore(IEnumerable<(string Alias, X509Certificate2 Certificate)> trusted, string password)
    {
        var certificates = new Pkcs12SafeContents();
        foreach (var (alias, certificate) in trusted)
        {
            var bag = certificates.AddCertificate(certificate);
            bag.Attributes.Add(FriendlyName(alias));
            bag.Attributes.Add(new AsnEncodedData(JavaTrustedKeyUsageOid, Der(w => w.WriteObjectIdentifier(AnyExtendedKeyUsageOid))));
        }

        var builder = new Pkcs12Builder();
        builder.AddSafeContentsEncrypted(certificates, password, Encryption);
        builder.SealWithMac(password, HashAlgorithmName.SHA256, 10_000);
        return builder.Encode();
    }

    private static AsnEncodedData FriendlyName(string alias) =>
        new(FriendlyNameOid, Der(w => w.WriteCharacterString(UniversalTagNumber.BMPString, alias)));

    private static byte[] Der(Action<AsnWriter> write)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        write(writer);
        return writer.Encode();
    }
}
