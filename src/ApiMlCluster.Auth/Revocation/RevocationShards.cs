using System.Globalization;
using Akka.Cluster.Sharding;

namespace ApiMlCluster.Auth.Revocation;

/// <summary>One shard per bucket, so buckets spread evenly over the nodes and move one at a time.</summary>
internal sealed class RevocationShards : IMessageExtractor
{
    public const string TypeName = "revocation-bucket";

    public string? EntityId(object message) => message switch
    {
        Revoke revoke => Format(RevocationSettings.BucketOf(revoke.TokenId)),
        ReadBucket read => Format(read.Bucket),
        _ => null,
    };

    public object EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;

    private static string Format(int bucket) => bucket.ToString(CultureInfo.InvariantCulture);
}
