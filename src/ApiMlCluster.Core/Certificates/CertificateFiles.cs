using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ApiMlCluster.Core.Certificates;

/// <summary>File writes for key material: atomic (temp file, then rename) and owner-only for secrets.</summary>
internal static class CertificateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void WriteSecret(string path, byte[] content) => Write(path, content, secret: true);

    public static void WriteSecret(string path, string content) => Write(path, Encoding.ASCII.GetBytes(content), secret: true);

    public static void WritePublic(string path, string content) => Write(path, Encoding.ASCII.GetBytes(content), secret: false);

    /// <summary>Writes <paramref name="name"/>.keystore.p12/.truststore.p12/.pem/.key for one issued certificate.</summary>
    public static void WriteIssuedSet(string directory, string name, X509Certificate2 certificate, X509Certificate2 authority, string password)
    {
        WriteSecret(Path.Combine(directory, $"{name}.keystore.p12"), Pkcs12Writer.Keystore(name, certificate, [authority], password));
        WriteSecret(Path.Combine(directory, $"{name}.truststore.p12"), Pkcs12Writer.Truststore([(LocalCertificateAuthority.Alias, authority)], password));
        WritePublic(Path.Combine(directory, $"{name}.pem"), certificate.ExportCertificatePem());
        using var key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()!;
        WriteSecret(Path.Combine(directory, $"{name}.key"), key.ExportPkcs8PrivateKeyPem());
    }

    private static void Write(string path, byte[] content, bool secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = secret ? OwnerOnly : OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        }))
        {
            stream.Write(content);
        }

        File.Move(temp, path, overwrite: true);
    }
}
