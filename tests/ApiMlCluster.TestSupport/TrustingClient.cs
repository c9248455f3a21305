using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ApiMlCluster.TestSupport;

/// <summary>
/// An HTTPS client that trusts only the given anchors (the nodes' local CA) and checks the host name. It keeps no
/// cookies, so a test states every credential it sends, and presents <c>clientCertificate</c> when given.
/// </summary>
public static class TrustingClient
{
    public static HttpClient Create(X509Certificate2Collection anchors, TimeSpan timeout, X509Certificate2? clientCertificate = null) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate is not X509Certificate2 presented)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(presented);
            },
        },
    })
    {
        Timeout = timeout,
    };
}
