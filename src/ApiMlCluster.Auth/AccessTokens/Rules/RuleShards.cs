using Akka.Cluster.Sharding;

namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>One shard per rule bucket, so buckets spread over the nodes and move one at a time.</summary>
internal sealed class RuleShards : IMessageExtractor
{
    public const string TypeName = "pat-rule-bucket";

    public string? EntityId(object message) => message switch
    {
        AddRule add => RuleSettings.EntityId(RuleSettings.BucketOf(add.Rule.Kind, add.Rule.Subject)),
        ReadRules read => RuleSettings.EntityId(read.Bucket),
        EvictRules evict => RuleSettings.EntityId(evict.Bucket),
        _ => null,
    };

    public object EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
