using Akka.Actor;
using Akka.Cluster.Sharding;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Sessions;

namespace ApiMlCluster.Auth;

/// <summary>The authentication context's actors on one node: the shard regions and the revocation and PAT rule replicas.</summary>
internal sealed record AuthActors(IActorRef Sessions, IActorRef RevocationBuckets, IActorRef Replica, IActorRef RuleBuckets, IActorRef RuleReplica)
{
    public static AuthActors Start(ActorSystem system, RevocationSnapshot snapshot, RevocationSettings settings, TimeProvider clock, string? role, RuleSnapshot? rules = null)
    {
        var sharding = ClusterSharding.Get(system);
        var shardSettings = ClusterShardingSettings.Create(system).WithRole(role);
        var sessions = sharding.Start(SessionShards.TypeName, id => SessionEntity.Props(id, clock), shardSettings, new SessionShards());
        var buckets = sharding.Start(RevocationShards.TypeName, id => RevocationBucket.Props(id, settings, clock), shardSettings, new RevocationShards());
        var replica = system.ActorOf(RevocationReplica.Props(snapshot, buckets, settings, clock), RevocationReplica.Name);
        var ruleBuckets = sharding.Start(RuleShards.TypeName, id => RuleBucket.Props(id, settings), shardSettings, new RuleShards());
        var ruleReplica = system.ActorOf(AccessTokens.Rules.RuleReplica.Props(rules ?? new RuleSnapshot(), ruleBuckets, settings, clock), AccessTokens.Rules.RuleReplica.Name);
        return new AuthActors(sessions, buckets, replica, ruleBuckets, ruleReplica);
    }
}
