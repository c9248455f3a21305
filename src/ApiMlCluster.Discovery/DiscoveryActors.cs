using Akka.Actor;
using Akka.Cluster.Sharding;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Core.Sharding;

namespace ApiMlCluster.Discovery;

/// <summary>The discovery context's actors on one node: the service shard region and the registry replica.</summary>
internal sealed record DiscoveryActors(IActorRef Services, IActorRef Replica)
{
    public static DiscoveryActors Start(ActorSystem system, RegistrySnapshot snapshot, RegistrySettings settings, TimeProvider clock, string? role)
    {
        // ClusterSharding.Get loads the sharding defaults that ClusterShardingSettings.Create reads.
        var sharding = ClusterSharding.Get(system);
        var shardSettings = ClusterShardingSettings.Create(system).WithRole(role).WithRememberEntities(true);
        var services = sharding.Start(ServiceShards.TypeName, app => ServiceEntity.Props(app, settings, clock), shardSettings, new ServiceShards(), new ReachableRegionsAllocation(), PoisonPill.Instance);
        var replica = system.ActorOf(RegistryReplica.Props(snapshot, services, settings, clock), RegistryReplica.Name);
        return new DiscoveryActors(services, replica);
    }
}
