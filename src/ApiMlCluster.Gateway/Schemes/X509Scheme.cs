using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Discovery.Metadata;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// x509: the caller's TLS client certificate as the headers listed in <c>apiml.authentication.headers</c> (default
/// all three). Only a certificate the truststore trusts counts; the gateway then calls the service with its own
/// client certificate, as for every service. The caller's API ML credentials are not sent on: the certificate is the identity.
/// </summary>
internal sealed class X509Scheme(TlsMaterial tls, CredentialCookies credentials)
{
    public const string PublicHeader = "X-Certificate-Public";
    public const string DistinguishedNameHeader = "X-Certificate-DistinguishedName";
    public const string CommonNameHeader = "X-Certificate-CommonName";

    private static readonly string[] AllHeaders = [PublicHeader, DistinguishedNameHeader, CommonNameHeader];

    public SouthboundCredentials Translate(HttpContext context, ServiceAuthentication authentication)
    {
        if (context.Connection.ClientCertificate is not { } certificate || !tls.IsTrusted(certificate))
        {
            return SouthboundCredentials.Failed(credentials, SchemeMessages.MissingCertificate.LogForm());
        }

        var headers = new List<KeyValuePair<string, string>>(3);
        foreach (var name in Requested(authentication.Headers))
        {
            headers.Add(KeyValuePair.Create(name, ValueOf(name, certificate)));
        }

        return SouthboundCredentials.Replaced(credentials, null, [.. headers]);
    }

    private static IEnumerable<string> Requested(string? listed)
    {
        if (string.IsNullOrWhiteSpace(listed))
        {
            return AllHeaders;
        }

        // Names outside the three are ignored: the metadata chooses among them, it cannot invent headers.
        var names = listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return AllHeaders.Where(h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
    }

    private static string ValueOf(string header, X509Certificate2 certificate) => header switch
    {
        PublicHeader => Convert.ToBase64String(certificate.RawData),
        DistinguishedNameHeader => certificate.Subject,
        _ => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
    };
}
