namespace ApiMlCluster.Node.Hosting;

internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "The certificate of haInstance {Peer} is not readable on this host, so its node cannot join unless its key is listed in cluster.tls.peerFingerprints (`apiml certs fingerprint` on that host prints it)")]
    public static partial void PeerCertificateUnreadable(ILogger logger, string peer);
}
