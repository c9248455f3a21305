using Akka.Actor;
using Akka.Cluster.Sharding;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Sessions;

namespace ApiMlCluster.Auth;

/// <summary>The authentication context's actors on one node: the two shard regions and the revocation replica.</summary>
internal sealed record AuthActors(IActorRef Sessions, IActorRef RevocationBuckets, IActorRef Replica)
{
    public static AuthActors Start(ActorSystem system, RevocationSnapshot snapshot, RevocationSettings settings, TimeProvider clock, string? role)
    {
        var sharding = ClusterSharding.Get(system);
        var shardSettings = ClusterShardingSettings.Create(system).WithRole(role);
        var sessions = sharding.Start(SessionShards.TypeName, id => SessionEntity.Props(id, clock), shardSettings, new SessionShards());
        var buckets = sharding.Start(RevocationShards.TypeName, id => RevocationBucket.Props(id, settings, clock), shardSettings, new RevocationShards());
        var replica = system.ActorOf(RevocationReplica.Props(snapshot, buckets, settings, clock), RevocationReplica.Name);
        return new AuthActors(sessions, buckets, replica);
    }
}
