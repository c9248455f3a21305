namespace ApiMlCluster.Node.Hosting;

internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "The certificate of haInstance {Peer} is not readable on this host, so its node cannot join unless its key is listed in cluster.tls.peerFingerprints (`apiml certs fingerprint` on that host prints it)")]
    public static partial void PeerCertificateUnreadable(ILogger logger, string peer);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Closed {Refused} connection(s) from {Source}, which already holds zowe.network.server.maxConnectionsPerSource ({Max}) open connections")]
    public static partial void ConnectionsPerSourceExceeded(ILogger logger, string source, int max, long refused);
}
