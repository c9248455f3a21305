using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Core.Certificates;

/// <summary>
/// Loads configured key material (PKCS12 by alias, or PEM files) and fails with the zowe.yaml key
/// that needs fixing when a file is missing, unreadable, password-protected differently, or has no such alias.
/// </summary>
public static class TlsMaterialLoader
{
    public static TlsMaterial Load(CertificateConfig config)
    {
        var (certificate, chain) = config.Key switch
        {
            Pkcs12Key p => LoadPkcs12Key(p),
            PemKey p => LoadPemKey(p),
            _ => throw new ArgumentOutOfRangeException(nameof(config)),
        };
        var anchors = config.Trust switch
        {
            Pkcs12Trust t => LoadPkcs12Trust(t),
            PemTrust t => LoadPemTrust(t),
            _ => throw new ArgumentOutOfRangeException(nameof(config)),
        };
        return new TlsMaterial(certificate, chain, anchors)
        {
            DeniedFingerprints = config.DeniedFingerprints.ToHashSet(StringComparer.Ordinal),
            Revocation = config.Revocation,
        };
    }

    private static (X509Certificate2, X509Certificate2Collection) LoadPkcs12Key(Pkcs12Key key)
    {
        var bytes = Read(key.File, "zowe.certificate.keystore.file");
        IReadOnlyList<Pkcs12Reader.KeyEntry> entries;
        try
        {
            entries = Pkcs12Reader.ReadKeyEntries(bytes, key.Password);
        }
        catch (CryptographicException e)
        {
            throw new ConfigException("zowe.certificate.keystore.password", $"cannot open PKCS12 keystore '{key.File}': {e.Message}");
        }

        var found = string.Join(", ", entries.Select(e => e.Alias ?? "(no alias)"));
        var entry = key.Alias is null
            ? entries.Count == 1 ? entries[0] : throw new ConfigException("zowe.certificate.keystore.alias", $"'{key.File}' holds {entries.Count} private keys ({found}); name one")
            : entries.FirstOrDefault(e => string.Equals(e.Alias, key.Alias, StringComparison.OrdinalIgnoreCase))
              ?? throw new ConfigException("zowe.certificate.keystore.alias", $"no private key entry '{key.Alias}' in '{key.File}' (found: {found})");
        return (entry.Certificate, [.. entry.OtherCertificates]);
    }

    private static (X509Certificate2, X509Certificate2Collection) LoadPemKey(PemKey key)
    {
        Read(key.CertificateFile, "zowe.certificate.pem.certificate");
        Read(key.KeyFile, "zowe.certificate.pem.key");
        try
        {
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(key.CertificateFile);
            if (all.Count == 0)
            {
                throw new ConfigException("zowe.certificate.pem.certificate", $"'{key.CertificateFile}' holds no PEM certificate");
            }

            var leaf = X509Certificate2.CreateFromPemFile(key.CertificateFile, key.KeyFile);
            return (leaf, [.. all.Skip(1)]);
        }
        catch (CryptographicException e)
        {
            throw new ConfigException("zowe.certificate.pem.key", $"cannot pair '{key.KeyFile}' with '{key.CertificateFile}' (an unencrypted PKCS8 or RSA key is expected): {e.Message}");
        }
    }

    private static X509Certificate2Collection LoadPkcs12Trust(Pkcs12Trust trust)
    {
        var bytes = Read(trust.File, "zowe.certificate.truststore.file");
        try
        {
            var certificates = Pkcs12Reader.ReadCertificates(bytes, trust.Password);
            return certificates.Count > 0
                ? certificates
                : throw new ConfigException("zowe.certificate.truststore.file", $"'{trust.File}' holds no certificates");
        }
        catch (CryptographicException e)
        {
            throw new ConfigException("zowe.certificate.truststore.password", $"cannot open PKCS12 truststore '{trust.File}': {e.Message}");
        }
    }

    private static X509Certificate2Collection LoadPemTrust(PemTrust trust)
    {
        var anchors = new X509Certificate2Collection();
        foreach (var file in trust.Files)
        {
            Read(file, "zowe.certificate.pem.certificateAuthorities");
            try
            {
                var before = anchors.Count;
                anchors.ImportFromPemFile(file);
                if (anchors.Count == before)
                {
                    throw new ConfigException("zowe.certificate.pem.certificateAuthorities", $"'{file}' holds no PEM certificate");
                }
            }
            catch (CryptographicException e)
            {
                throw new ConfigException("zowe.certificate.pem.certificateAuthorities", $"cannot read '{file}': {e.Message}");
            }
        }

        return anchors;
    }

    private static byte[] Read(string file, string key)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(key, $"cannot read '{file}': {e.Message}");
        }
    }
}
