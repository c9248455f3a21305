using System.Net;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;

namespace ApiMlCluster.Auth.Tests.Providers;

/// <summary>
/// One test CA that the node trusts, a z/OSMF certificate it issued, and a z/OSMF certificate from a CA the node
/// does not trust; made once per test class because RSA key generation is slow.
/// </summary>
public sealed class ZosmfCertificates : IDisposable
{
    private readonly LocalCertificateAuthority trusted = LocalCertificateAuthority.Create(TimeProvider.System);
    private readonly LocalCertificateAuthority untrusted = LocalCertificateAuthority.Create(TimeProvider.System);

    public ZosmfCertificates()
    {
        Zosmf = trusted.Issue("localhost", ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        OtherHost = trusted.Issue("zosmf.example", ["zosmf.example"], [], TimeProvider.System);
        FromUntrustedCa = untrusted.Issue("localhost", ["localhost"], [IPAddress.Loopback], TimeProvider.System);
        NodeIdentity = trusted.Issue("node", ["localhost"], [IPAddress.Loopback], TimeProvider.System);
    }

    /// <summary>127.0.0.1 and localhost, issued by the trusted CA.</summary>
    public X509Certificate2 Zosmf { get; }

    /// <summary>Issued by the trusted CA for another host name.</summary>
    public X509Certificate2 OtherHost { get; }

    public X509Certificate2 FromUntrustedCa { get; }

    private X509Certificate2 NodeIdentity { get; }

    /// <summary>The node's TLS material: trusts only the trusted CA. The caller disposes it.</summary>
    internal TlsMaterial NodeTls() =>
        new(X509CertificateLoader.LoadPkcs12(NodeIdentity.Export(X509ContentType.Pkcs12), null), [], [trusted.Certificate]);

    public void Dispose()
    {
        Zosmf.Dispose();
        OtherHost.Dispose();
        FromUntrustedCa.Dispose();
        NodeIdentity.Dispose();
        trusted.Dispose();
        untrusted.Dispose();
    }
}
