using System.Security.Cryptography.X509Certificates;

namespace ApiMlCluster.Discovery.Ownership;

/// <summary>How <c>registration.owners</c> entries name a certificate: by subject DN, or by one of its DNS names.</summary>
internal static class CertificateIdentity
{
    /// <summary>The subject in .NET's normal form, so that spacing in a configured DN does not matter.</summary>
    public static string SubjectOf(X509Certificate2 certificate) => certificate.SubjectName.Name;

    public static bool Matches(X509Certificate2 certificate, string identity)
    {
        if (identity.Contains('=', StringComparison.Ordinal))
        {
            return string.Equals(new X500DistinguishedName(identity).Name, SubjectOf(certificate), StringComparison.OrdinalIgnoreCase);
        }

        if (string.Equals(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), identity, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames())
            .Any(name => string.Equals(name, identity, StringComparison.OrdinalIgnoreCase));
    }
}
