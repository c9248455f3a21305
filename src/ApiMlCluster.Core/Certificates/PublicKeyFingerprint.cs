using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiMlCluster.Core.Certificates;

/// <summary>
/// The SHA-256 of a certificate's SubjectPublicKeyInfo, as upper-case hex. It names a key, not a certificate: a
/// node certificate renewed with the same key keeps its fingerprint, and a look-alike certificate (same subject,
/// same CA, another key) never has it. Where a caller is trusted as a node, this is what is compared.
/// </summary>
public static class PublicKeyFingerprint
{
    public static string Of(X509Certificate2 certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>The canonical form of an operator-written fingerprint (hex, colons or spaces allowed); null when it is not one.</summary>
    public static string? Parse(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (hex.StartsWith("sha256/", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex["sha256/".Length..];
        }

        return hex.Length == 64 && hex.All(c => char.IsAsciiHexDigit(c))
            ? hex.ToUpper(CultureInfo.InvariantCulture)
            : null;
    }
}
