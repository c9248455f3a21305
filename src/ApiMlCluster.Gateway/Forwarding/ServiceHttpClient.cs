using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// The one pooled client the gateway forwards with (YARP's recommended handler settings: no proxy, no redirects,
/// no decompression, no cookies). A service's certificate must chain to the truststore unless certificate
/// verification is disabled; the host name is checked too unless verification is NONSTRICT. Each request's own
/// connect timeout applies (<see cref="ServiceConnect"/>); <paramref name="connectTimeout"/> caps them all.
/// </summary>
internal static class ServiceHttpClient
{
    public static HttpMessageInvoker Create(TlsMaterial tls, CertificateVerification verification, TimeSpan connectTimeout) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = new Yarp.ReverseProxy.Forwarder.ReverseProxyPropagator(DistributedContextPropagator.Current),
        ConnectTimeout = connectTimeout,
        ConnectCallback = ServiceConnect.ConnectAsync,
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = [tls.ServerCertificate],
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (verification == CertificateVerification.Disabled)
                {
                    return true;
                }

                var nameMatches = verification == CertificateVerification.NonStrict || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
                return certificate is X509Certificate2 presented && nameMatches && tls.IsTrusted(presented, chain?.ChainPolicy.ExtraStore);
            },
        },
    }, disposeHandler: true);
}
