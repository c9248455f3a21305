using System.Net;
using System.Security.Authentication;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace ApiMlCluster.Node.Hosting;

/// <summary>
/// HTTPS listeners for the enabled components on their zowe.yaml ports. TLS 1.2 and 1.3 only. Client
/// certificates are requested but optional at the TLS layer (Zowe's <c>clientAuth: want</c>); endpoints that
/// need one check it against the truststore, so an untrusted certificate gets a 4xx message, not a reset.
/// </summary>
internal static class KestrelListeners
{
    public const SslProtocols AllowedProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    public static void Configure(KestrelServerOptions kestrel, NodeConfig config, TlsMaterial tls)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxConcurrentConnections = config.MaxConnections;
        kestrel.Limits.MaxConcurrentUpgradedConnections = config.MaxUpgradedConnections;
        var perSource = new SourceConnectionLimit(
            config.MaxConnectionsPerSource,
            kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("ApiMlCluster.Node.Connections"));
        foreach (var component in EnabledComponents(config))
        {
            foreach (var address in config.ListenAddresses)
            {
                kestrel.Listen(IPAddress.Parse(address), component.Port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.Use(perSource.Wrap);
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = tls.ServerCertificate;
                        https.ServerCertificateChain = tls.Chain;
                        https.SslProtocols = AllowedProtocols;
                        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                        https.ClientCertificateValidation = (_, _, _) => true;
                        https.CheckCertificateRevocation = false;
                    });
                });
            }
        }
    }

    public static IEnumerable<ComponentConfig> EnabledComponents(NodeConfig config) =>
        new[] { config.Gateway, config.Discovery, config.CachingService }.Where(c => c.Enabled);
}
