using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;
using ApiMlCluster.Core.Certificates;

namespace ApiMlCluster.Node.Cluster;

/// <summary>
/// Mutual TLS for Akka remoting: each node presents its zowe.yaml certificate and accepts only peers whose
/// certificate chains to the zowe.yaml truststore <em>and</em> carries one of the node keys
/// (<see cref="NodeKeys"/>), so an onboarded service's certificate from the same CA cannot join the
/// cluster or send it messages. Hostnames are not checked: peers address each other by the names in
/// haInstances, which the certificate may not list (Zowe does the same for its peers).
/// </summary>
internal static class ClusterTls
{
    public static DotNettySslSetup Setup(TlsMaterial material, NodeKeys peers) =>
        new(material.ServerCertificate, suppressValidation: false, requireMutualAuthentication: true, customValidator: Validator(material, peers));

    private static CertificateValidationCallback Validator(TlsMaterial material, NodeKeys peers) =>
        (X509Certificate2? certificate, X509Chain? chain, string remotePeer, SslPolicyErrors _, ILoggingAdapter log) =>
        {
            if (certificate is null)
            {
                log.Warning("Rejected cluster connection from {0}: no certificate presented", remotePeer);
                return false;
            }

            var presented = new X509Certificate2Collection();
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    presented.Add(element.Certificate);
                }
            }

            if (!material.IsTrusted(certificate, presented))
            {
                log.Warning("Rejected cluster connection from {0}: certificate '{1}' is not trusted by the truststore", remotePeer, certificate.Subject);
                return false;
            }

            if (!peers.Allows(certificate))
            {
                log.Warning(
                    "Rejected cluster connection from {0}: certificate '{1}' is trusted but its key ({2}) is not a node key; a node on another host with its own keystore is listed in cluster.tls.peerFingerprints",
                    remotePeer, certificate.Subject, PublicKeyFingerprint.Of(certificate));
                return false;
            }

            return true;
        };
}
