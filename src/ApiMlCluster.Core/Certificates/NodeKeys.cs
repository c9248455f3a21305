using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Core.Certificates;

/// <summary>
/// The public keys of this installation's nodes: this node's own, those of the haInstances' certificates that are
/// readable on this host, and <c>cluster.tls.peerFingerprints</c>. Wherever a caller is trusted as a node (a cluster
/// peer, the gateway forwarding to the caching service) this is the test: a certificate that merely chains to the
/// truststore, or has the node's subject, is not enough, since every onboarded service holds one of those.
/// </summary>
public sealed class NodeKeys
{
    private readonly HashSet<string> allowed;

    private NodeKeys(HashSet<string> allowed, IReadOnlyList<string> unreadablePeers)
    {
        this.allowed = allowed;
        UnreadablePeers = unreadablePeers;
    }

    /// <summary>haInstances whose certificate could not be read here; their keys count only if fingerprinted.</summary>
    public IReadOnlyList<string> UnreadablePeers { get; }

    public int Count => allowed.Count;

    public bool Allows(X509Certificate2 certificate) => allowed.Contains(PublicKeyFingerprint.Of(certificate));

    public static NodeKeys For(NodeConfig config, TlsMaterial own)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal) { PublicKeyFingerprint.Of(own.ServerCertificate) };
        allowed.UnionWith(config.Cluster.PeerFingerprints);
        var unreadable = new List<string>();
        foreach (var peer in config.Peers)
        {
            if (peer.Certificate is not { } certificate || certificate == config.Certificate)
            {
                continue;
            }

            try
            {
                using var material = TlsMaterialLoader.Load(certificate);
                allowed.Add(PublicKeyFingerprint.Of(material.ServerCertificate));
            }
            catch (Exception e) when (e is ConfigException or IOException or UnauthorizedAccessException or CryptographicException)
            {
                unreadable.Add(peer.HaInstanceId ?? peer.Hostname);
            }
        }

        return new NodeKeys(allowed, unreadable);
    }
}
