using Akka.Cluster.Sharding;

namespace ApiMlCluster.Auth.Sessions;

/// <summary>Sessions by token id over 100 shards (about ten per node in a large cluster, per Akka's guidance).</summary>
internal sealed class SessionShards() : HashCodeMessageExtractor(100)
{
    public const string TypeName = "session";

    public override string? EntityId(object message) =>
        message is ISessionCommand command ? EntityIdOf(command.SessionId) : null;

    public static string EntityIdOf(Guid sessionId) => sessionId.ToString("N");
}
