using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ApiMlCluster.Core.Sharding;

/// <summary>
/// Akka's least-shard allocation, but a new shard never goes to a region on an unreachable member: Akka's strategy
/// only avoids leaving members, so after a crash about one new shard in three was given to the dead node, and its
/// first message waited until the node was removed (the "new cache namespace hangs for 10 s" of a failover). When
/// every region is unreachable it falls back to Akka's choice.
/// </summary>
public sealed class ReachableRegionsAllocation : IActorSystemDependentAllocationStrategy
{
    private readonly IShardAllocationStrategy inner = ShardAllocationStrategy.LeastShardAllocationStrategy(absoluteLimit: 20, relativeLimit: 0.1);
    private Akka.Cluster.Cluster? cluster;

    public void Start(ActorSystem system)
    {
        cluster = Akka.Cluster.Cluster.Get(system);
        (inner as IActorSystemDependentAllocationStrategy)?.Start(system);
    }

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        if (cluster is null)
        {
            return inner.AllocateShard(requester, shardId, currentShardAllocations);
        }

        var unreachable = cluster.State.Unreachable.Select(m => m.Address).ToHashSet();
        if (unreachable.Count == 0)
        {
            return inner.AllocateShard(requester, shardId, currentShardAllocations);
        }

        var self = cluster.SelfAddress;
        var reachable = currentShardAllocations
            .Where(region => !unreachable.Contains(region.Key.Path.Address.HasLocalScope ? self : region.Key.Path.Address))
            .ToImmutableDictionary();
        return inner.AllocateShard(requester, shardId, reachable.Count > 0 ? reachable : currentShardAllocations);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress) =>
        inner.Rebalance(currentShardAllocations, rebalanceInProgress);
}
