using Akka.Cluster.Sharding;

namespace ApiMlCluster.Gateway.Sticky;

/// <summary>Sticky entities by user and service over 100 shards.</summary>
internal sealed class StickyShards() : HashCodeMessageExtractor(100)
{
    public const string TypeName = "gateway-sticky";

    public override string? EntityId(object message) => message is IStickyCommand command ? command.Key : null;
}
