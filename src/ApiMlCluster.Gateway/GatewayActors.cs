using Akka.Actor;
using ApiMlCluster.Core.Homing;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.Gateway.Sticky;

namespace ApiMlCluster.Gateway;

/// <summary>The gateway context's actors on one node: the host of the sticky buckets it owns and the two replicas.</summary>
internal sealed record GatewayActors(IActorRef StickyBuckets, IActorRef StickyReplica, IActorRef HealthReplica)
{
    public static GatewayActors Start(ActorSystem system, StickySnapshot sticky, InstanceHealth health, RouteTableHolder routes, TimeSpan stickyExpiration, TimeProvider clock, string? role)
    {
        var stickyReplica = system.ActorOf(Sticky.StickyReplica.Props(sticky, stickyExpiration, clock), Sticky.StickyReplica.Name);
        var healthReplica = system.ActorOf(Health.HealthReplica.Props(health, routes), Health.HealthReplica.Name);
        // An idle bucket needs no running actor: it stops after one to two minutes and its journal answers the next ask.
        var settings = new HomedEntitySettings(
            bucket => StickyBucket.Props(bucket, stickyReplica, stickyExpiration, clock),
            message => message is IStickyCommand command ? StickyBucket.BucketOf(command.Key) : null,
            StopStickyBucket.Instance,
            role,
            TimeSpan.FromSeconds(60));
        var entities = HomedEntities.Start(system, StickyBucket.HostName, settings);
        health.PublishTo(broadcast => healthReplica.Tell(broadcast));
        return new GatewayActors(entities, stickyReplica, healthReplica);
    }
}
