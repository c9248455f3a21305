using Akka.Actor;

namespace ApiMlCluster.Gateway.Sticky;

/// <summary>
/// One per node, at <see cref="Name"/>: fans each new choice of a local sticky bucket out to every member and
/// applies the choices it receives to this node's <see cref="StickySnapshot"/>; drops expired ones every minute.
/// Not acknowledged: a node that missed a choice asks the entity when its own copy looks invalid.
/// </summary>
internal sealed class StickyReplica : ReceiveActor, IWithTimers
{
    public const string Name = "gateway-sticky";

    public StickyReplica(StickySnapshot snapshot, TimeSpan expiration, TimeProvider clock)
    {
        Receive<PublishStickyChoice>(publish => ClusterFanOut.Tell(Context.System, Name, publish.Choice, includeSelf: true));
        Receive<StickyChoice>(snapshot.Apply);
        Receive<Prune>(_ => snapshot.Prune((clock.GetUtcNow() - expiration).ToUnixTimeMilliseconds()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer(Prune.Instance, Prune.Instance, TimeSpan.FromMinutes(1));

    public static Props Props(StickySnapshot snapshot, TimeSpan expiration, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new StickyReplica(snapshot, expiration, clock));

    private sealed class Prune
    {
        public static readonly Prune Instance = new();
    }
}
