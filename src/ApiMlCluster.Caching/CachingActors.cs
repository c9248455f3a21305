using Akka.Actor;
using Akka.Cluster.Sharding;
using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Core.Sharding;

namespace ApiMlCluster.Caching;

/// <summary>The caching context's actors on one node: the bucket shard region.</summary>
internal sealed record CachingActors(ActorSystem System, IActorRef Buckets)
{
    public static CachingActors Start(ActorSystem system, BucketLimits limits, TimeProvider clock, string? role)
    {
        // No remember-entities: an idle bucket may passivate and is recovered from its snapshot on the next request.
        var settings = ClusterShardingSettings.Create(system).WithRole(role).WithRememberEntities(false);
        var buckets = ClusterSharding.Get(system).Start(BucketShards.TypeName, id => CacheBucket.Props(id, limits, clock), settings, new BucketShards(), new ReachableRegionsAllocation(), PoisonPill.Instance);
        return new CachingActors(system, buckets);
    }
}
