using Akka.Cluster.Sharding;

namespace ApiMlCluster.Caching.Storage;

/// <summary>Bucket entities over 100 shards (about ten times the largest expected cluster).</summary>
internal sealed class BucketShards() : HashCodeMessageExtractor(100)
{
    public const string TypeName = "cache-bucket";

    public override string? EntityId(object message) => message is IBucketCommand command ? command.EntityId : null;
}
