using Akka.Actor;
using Akka.Cluster.Sharding;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.Gateway.Sticky;
using ApiMlCluster.Core.Sharding;

namespace ApiMlCluster.Gateway;

/// <summary>The gateway context's actors on one node: the sticky entities' shard region and the two replicas.</summary>
internal sealed record GatewayActors(IActorRef StickyEntities, IActorRef StickyReplica, IActorRef HealthReplica)
{
    public static GatewayActors Start(ActorSystem system, StickySnapshot sticky, InstanceHealth health, RouteTableHolder routes, TimeSpan stickyExpiration, TimeProvider clock, string? role)
    {
        var stickyReplica = system.ActorOf(Sticky.StickyReplica.Props(sticky, stickyExpiration, clock), Sticky.StickyReplica.Name);
        var healthReplica = system.ActorOf(Health.HealthReplica.Props(health, routes), Health.HealthReplica.Name);
        // Not remembered: an idle choice needs no running entity, its journal row answers the next ask.
        var settings = ClusterShardingSettings.Create(system).WithRole(role).WithRememberEntities(false);
        var entities = ClusterSharding.Get(system).Start(StickyShards.TypeName, key => StickyEntity.Props(key, stickyReplica, clock), settings, new StickyShards(), new ReachableRegionsAllocation(), PoisonPill.Instance);
        health.PublishTo(broadcast => healthReplica.Tell(broadcast));
        return new GatewayActors(entities, stickyReplica, healthReplica);
    }
}
