using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ApiMlCluster.Auth.Replication;

/// <summary>
/// Pushes one durable batch to the replica of every cluster member and answers its waiters when all reachable
/// members, and at least a majority of the haInstances (<see cref="ReplicationSettings.Quorum"/>), have applied it:
/// the window between the answer and the entry being in effect at any other node is zero. A batch that a majority
/// has not applied within <see cref="ReplicationSettings.ConfirmTimeout"/> is answered as failed (it is durable and
/// reaches every node from the journal, but the client was not told it is in effect). Members that do not answer keep getting the batch every <see cref="ReplicationSettings.ResendInterval"/>
/// until they do, leave, or <see cref="ReplicationSettings.GiveUpAfter"/> passes; a member cut off that long reads
/// the writer's journal at its next tail read, or when it restarts.
/// </summary>
internal sealed class ConfirmedBroadcast : ReceiveActor, IWithTimers
{
    private readonly object message;
    private readonly Guid batchId;
    private readonly string replicaName;
    private readonly string description;
    private readonly ReplicationSettings settings;
    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly HashSet<Address> pending = [];
    private readonly HashSet<Address> awaited = [];
    private readonly HashSet<Address> confirmed = [];
    private readonly Dictionary<Address, int> unreachableTicks = [];
    private IReadOnlyList<Waiter>? waiters;

    /// <summary>Resend ticks (500 ms each) an awaited member must have been seen unreachable before the answer stops waiting for it.</summary>
    private const int UnreachableGraceTicks = 2;

    public ConfirmedBroadcast(object message, Guid batchId, string replicaName, IReadOnlyList<Waiter> waiters, string description, ReplicationSettings settings)
    {
        this.message = message;
        this.batchId = batchId;
        this.replicaName = replicaName;
        this.waiters = waiters;
        this.description = description;
        this.settings = settings;

        Receive<EntriesApplied>(applied => applied.BatchId == batchId, applied =>
        {
            var node = Address.Parse(applied.Node);
            confirmed.Add(node);
            pending.Remove(node);
            awaited.Remove(node);
            AnswerIfConfirmed();
            StopIfDone();
        });
        Receive<Tick>(tick =>
        {
            switch (tick)
            {
                case Tick.Resend:
                    var state = cluster.State;
                    var members = state.Members.Where(IsServing).Select(m => m.Address).ToHashSet();
                    var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
                    pending.RemoveWhere(node => !members.Contains(node));
                    // A member that crashed during the broadcast stops holding the answer once it has been unreachable
                    // for a moment (detection takes about 2.5 s after a SIGKILL), not only after its removal; it still
                    // gets the batch if it comes back. The moment is for a member that is cut off rather than dead: its
                    // own failure detector finds us unreachable at about the same time, and from then on it refuses to
                    // judge tokens; answering before that would leave it accepting the revoked one meanwhile.
                    foreach (var node in awaited)
                    {
                        unreachableTicks[node] = unreachable.Contains(node) ? unreachableTicks.GetValueOrDefault(node) + 1 : 0;
                    }

                    awaited.RemoveWhere(node => !members.Contains(node) || unreachableTicks.GetValueOrDefault(node) > UnreachableGraceTicks);
                    AnswerIfConfirmed();
                    SendToPending();
                    StopIfDone();
                    break;
                case Tick.ConfirmTimeout:
                    Answer();
                    StopIfDone();
                    break;
                case Tick.GiveUp:
                    log.Warning("{0} was not confirmed by {1} after {2}; they read it from the journal", description, string.Join(", ", pending), settings.GiveUpAfter);
                    Context.Stop(Self);
                    break;
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(object message, Guid batchId, string replicaName, IReadOnlyList<Waiter> waiters, string description, ReplicationSettings settings) =>
        Akka.Actor.Props.Create(() => new ConfirmedBroadcast(message, batchId, replicaName, waiters, description, settings));

    protected override void PreStart()
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        foreach (var member in state.Members.Where(IsServing))
        {
            pending.Add(member.Address);
            if (!unreachable.Contains(member.Address))
            {
                awaited.Add(member.Address);
            }
        }

        // A node that is not (yet, or any more) a member still applies its own writes before answering.
        pending.Add(cluster.SelfAddress);
        awaited.Add(cluster.SelfAddress);
        SendToPending();
        Timers.StartPeriodicTimer(Tick.Resend, Tick.Resend, settings.ResendInterval);
        Timers.StartSingleTimer(Tick.ConfirmTimeout, Tick.ConfirmTimeout, settings.ConfirmTimeout);
        Timers.StartSingleTimer(Tick.GiveUp, Tick.GiveUp, settings.GiveUpAfter);
    }

    private static bool IsServing(Member member) =>
        member.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving;

    private void SendToPending()
    {
        foreach (var node in pending)
        {
            Context.ActorSelection(new RootActorPath(node) / "user" / replicaName).Tell(message);
        }
    }

    private void StopIfDone()
    {
        // Everyone has the batch, and the waiters have their answer (a batch short of a quorum waits for the timeout).
        if (pending.Count == 0 && waiters is null)
        {
            Context.Stop(Self);
        }
    }

    private void AnswerIfConfirmed()
    {
        if (awaited.Count == 0 && confirmed.Count >= settings.Quorum)
        {
            Answer();
        }
    }

    private void Answer()
    {
        if (waiters is null)
        {
            return;
        }

        if (confirmed.Count < settings.Quorum)
        {
            log.Warning("{0} was applied by {1} of the {2} nodes a write needs; answered as failed", description, confirmed.Count, settings.Quorum);
            foreach (var waiter in waiters)
            {
                waiter.Requester.Tell(new AppendFailed($"applied by {confirmed.Count} of the {settings.Quorum} nodes a write needs"));
            }

            waiters = null;
            return;
        }

        var unconfirmed = awaited.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList();
        if (unconfirmed.Count > 0)
        {
            log.Warning("{0} answered before {1} confirmed it", description, string.Join(", ", unconfirmed));
        }

        foreach (var waiter in waiters)
        {
            waiter.Requester.Tell(new Appended(waiter.AlreadyPresent, unconfirmed));
        }

        waiters = null;
    }

    private enum Tick
    {
        Resend,
        ConfirmTimeout,
        GiveUp,
    }
}
