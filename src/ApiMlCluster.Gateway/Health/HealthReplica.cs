using Akka.Actor;
using ApiMlCluster.Gateway.Routing;

namespace ApiMlCluster.Gateway.Health;

/// <summary>
/// One per node, at <see cref="Name"/>: sends this node's health marks to every other member and applies theirs to
/// this node's <see cref="InstanceHealth"/>. Marks are plain tells, not acknowledged: a lost mark costs one more
/// refused connection at that node, which marks the instance there. Prunes marks the registry made irrelevant.
/// </summary>
internal sealed class HealthReplica : ReceiveActor, IWithTimers
{
    public const string Name = "gateway-health";

    public HealthReplica(InstanceHealth health, RouteTableHolder routes)
    {
        Receive<BroadcastHealth>(broadcast => ClusterFanOut.Tell(Context.System, Name, broadcast.Change, includeSelf: false));
        Receive<InstanceMarkedDown>(health.Apply);
        Receive<InstanceCleared>(health.Apply);
        Receive<Prune>(_ => health.Prune(routes.Current));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer(Prune.Instance, Prune.Instance, TimeSpan.FromSeconds(10));

    public static Props Props(InstanceHealth health, RouteTableHolder routes) =>
        Akka.Actor.Props.Create(() => new HealthReplica(health, routes));

    private sealed class Prune
    {
        public static readonly Prune Instance = new();
    }
}
