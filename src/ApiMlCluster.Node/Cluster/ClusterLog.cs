namespace ApiMlCluster.Node.Cluster;

internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "{Reason}: this node is Up and its certificate is valid, so it keeps running (Akka.NET would stop it); it stops when the host stops or the cluster downs it")]
    public static partial void HandshakeFailureHeld(ILogger logger, string reason);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error,
        Message = "{Reason}: this node is {Status} or its certificate is outside its validity, so it stops; check its certificate and truststore")]
    public static partial void HandshakeFailureStopsNode(ILogger logger, string reason, string status);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning,
        Message = "The cluster downed this node while it kept running after a failed outbound handshake; it stops now")]
    public static partial void HeldNodeDowned(ILogger logger);
}
