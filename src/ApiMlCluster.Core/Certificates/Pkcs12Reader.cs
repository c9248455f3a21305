using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace ApiMlCluster.Core.Certificates;

/// <summary>
/// Reads PKCS12 entries by alias (friendlyName), which the platform loader does not expose on Linux.
/// </summary>
internal static class Pkcs12Reader
{
    private const string FriendlyNameOid = "1.2.840.113549.1.9.20";
    private const string LocalKeyIdOid = "1.2.840.113549.1.9.21";

    /// <summary>A private-key entry: the certificate (with its key) and the other certificates in the file.</summary>
    public sealed record KeyEntry(string? Alias, X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> OtherCertificates);

    /// <exception cref="CryptographicException">The file is not PKCS12 or the password is wrong.</exception>
    public static IReadOnlyList<KeyEntry> ReadKeyEntries(byte[] pkcs12, string password)
    {
        var (keys, certificates) = Open(pkcs12, password);
        var entries = new List<KeyEntry>();
        foreach (var (keyBag, pkcs8) in keys)
        {
            var keyId = Attribute(keyBag, LocalKeyIdOid);
            var index = certificates.FindIndex(c => keyId is not null && Attribute(c.Bag, LocalKeyIdOid) is { } id && id.SequenceEqual(keyId));
            if (index < 0)
            {
                throw new CryptographicException("a private key in the keystore has no matching certificate");
            }

            var match = certificates[index];
            var withKey = AttachKey(match.Certificate, pkcs8);
            var others = certificates.Where((_, i) => i != index).Select(c => c.Certificate).ToList();
            entries.Add(new KeyEntry(FriendlyName(keyBag) ?? FriendlyName(match.Bag), withKey, others));
        }

        return entries;
    }

    public static X509Certificate2Collection ReadCertificates(byte[] pkcs12, string password)
    {
        var (_, certificates) = Open(pkcs12, password);
        return [.. certificates.Select(c => c.Certificate)];
    }

    private static (List<(Pkcs12SafeBag Bag, ReadOnlyMemory<byte> Pkcs8)> Keys, List<(Pkcs12SafeBag Bag, X509Certificate2 Certificate)> Certificates)
        Open(byte[] pkcs12, string password)
    {
        var info = Pkcs12Info.Decode(pkcs12, out _, skipCopy: true);
        if (info.IntegrityMode == Pkcs12IntegrityMode.Password && !info.VerifyMac(password))
        {
            throw new CryptographicException("the keystore password is wrong");
        }

        var keys = new List<(Pkcs12SafeBag, ReadOnlyMemory<byte>)>();
        var certificates = new List<(Pkcs12SafeBag, X509Certificate2)>();
        foreach (var contents in info.AuthenticatedSafe)
        {
            if (contents.ConfidentialityMode == Pkcs12ConfidentialityMode.Password)
            {
                contents.Decrypt(password);
            }
            else if (contents.ConfidentialityMode != Pkcs12ConfidentialityMode.None)
            {
                throw new CryptographicException("public-key encrypted PKCS12 contents are not supported");
            }

            foreach (var bag in contents.GetBags())
            {
                switch (bag)
                {
                    case Pkcs12CertBag { IsX509Certificate: true } certBag:
                        certificates.Add((bag, certBag.GetCertificate()));
                        break;
                    case Pkcs12ShroudedKeyBag shrouded:
                        var decrypted = Pkcs8PrivateKeyInfo.DecryptAndDecode(password.AsSpan(), shrouded.EncryptedPkcs8PrivateKey, out _);
                        keys.Add((bag, decrypted.Encode()));
                        break;
                    case Pkcs12KeyBag plain:
                        keys.Add((bag, plain.Pkcs8PrivateKey));
                        break;
                }
            }
        }

        return (keys, certificates);
    }

    private static X509Certificate2 AttachKey(X509Certificate2 certificate, ReadOnlyMemory<byte> pkcs8)
    {
        switch (certificate.GetKeyAlgorithm())
        {
            case "1.2.840.113549.1.1.1":
                using (var rsa = RSA.Create())
                {
                    rsa.ImportPkcs8PrivateKey(pkcs8.Span, out _);
                    return certificate.CopyWithPrivateKey(rsa);
                }

            case "1.2.840.10045.2.1":
                using (var ecdsa = ECDsa.Create())
                {
                    ecdsa.ImportPkcs8PrivateKey(pkcs8.Span, out _);
                    return certificate.CopyWithPrivateKey(ecdsa);
                }

            default:
                throw new CryptographicException($"unsupported key algorithm {certificate.GetKeyAlgorithm()}");
        }
    }

    private static byte[]? Attribute(Pkcs12SafeBag bag, string oid)
    {
        foreach (var attribute in bag.Attributes)
        {
            if (attribute.Oid.Value == oid && attribute.Values.Count > 0)
            {
                return oid == LocalKeyIdOid
                    ? new AsnReader(attribute.Values[0].RawData, AsnEncodingRules.BER).ReadOctetString()
                    : attribute.Values[0].RawData;
            }
        }

        return null;
    }

    private static string? FriendlyName(Pkcs12SafeBag bag) =>
        Attribute(bag, FriendlyNameOid) is { } raw
            ? new AsnReader(raw, AsnEncodingRules.BER).ReadCharacterString(UniversalTagNumber.BMPString)
            : null;
}
