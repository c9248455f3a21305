using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ApiMlCluster.TestSupport;

/// <summary>
/// An HTTPS client that trusts only the given anchors (the nodes' local CA) and checks the host name. It keeps no
/// cookies, so a test states every credential it sends, and presents <c>clientCertificate</c> when given. With
/// <c>source</c> its connections leave from that IPv4 loopback address (127.0.0.2 ...) to 127.0.0.1: another client
/// address for tests of per-source behaviour.
/// </summary>
public static class TrustingClient
{
    public static HttpClient Create(X509Certificate2Collection anchors, TimeSpan timeout, X509Certificate2? clientCertificate = null, IPAddress? source = null) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        ConnectCallback = source is null ? null : (context, cancellationToken) => ConnectFromAsync(source, context.DnsEndPoint.Port, cancellationToken),
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

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress source, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
