using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ApiMlCluster.Auth.Revocation;

/// <summary>
/// Pushes one durable revocation to the replica of every cluster member and answers the logout when all
/// reachable members have applied it. That is what makes the window between the 204 and rejection at any
/// other node zero. Members that do not answer keep getting the revocation until they do, leave, or
/// <see cref="RevocationSettings.GiveUpAfter"/> passes (a node cut off that long has been downed and re-reads
/// every bucket when it restarts).
/// </summary>
internal sealed class RevocationBroadcast : ReceiveActor, IWithTimers
{
    private readonly ApplyRevocation revocation;
    private readonly RevocationSettings settings;
    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly HashSet<Address> pending = [];
    private readonly HashSet<Address> awaited = [];
    private IActorRef? requester;

    public RevocationBroadcast(ApplyRevocation revocation, IActorRef requester, RevocationSettings settings)
    {
        this.revocation = revocation;
        this.requester = requester;
        this.settings = settings;

        Receive<RevocationApplied>(applied =>
        {
            var node = Address.Parse(applied.Node);
            pending.Remove(node);
            awaited.Remove(node);
            AnswerIfConfirmed();
            if (pending.Count == 0)
            {
                Context.Stop(Self);
            }
        });
        Receive<Tick>(tick =>
        {
            switch (tick)
            {
                case Tick.Resend:
                    DropDepartedMembers();
                    SendToPending();
                    break;
                case Tick.ConfirmTimeout:
                    Answer();
                    break;
                case Tick.GiveUp:
                    log.Warning("Revocation of {0} was not confirmed by {1} after {2}; they re-read it when they restart", revocation.TokenId, string.Join(", ", pending), settings.GiveUpAfter);
                    Context.Stop(Self);
                    break;
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

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

        SendToPending();
        AnswerIfConfirmed();
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
            Context.ActorSelection(RevocationReplica.PathOn(node)).Tell(revocation);
        }
    }

    private void DropDepartedMembers()
    {
        var members = cluster.State.Members.Where(IsServing).Select(m => m.Address).ToHashSet();
        pending.RemoveWhere(node => !members.Contains(node));
        awaited.RemoveWhere(node => !members.Contains(node));
        AnswerIfConfirmed();
        if (pending.Count == 0)
        {
            Context.Stop(Self);
        }
    }

    private void AnswerIfConfirmed()
    {
        if (awaited.Count == 0)
        {
            Answer();
        }
    }

    private void Answer()
    {
        if (requester is null)
        {
            return;
        }

        var unconfirmed = awaited.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList();
        if (unconfirmed.Count > 0)
        {
            log.Warning("Revocation of {0} answered before {1} confirmed it", revocation.TokenId, string.Join(", ", unconfirmed));
        }

        requester.Tell(new RevokeResult(revocation.TokenId, RevokeOutcome.Revoked, unconfirmed));
        requester = null;
    }

    public static Props Props(ApplyRevocation revocation, IActorRef requester, RevocationSettings settings) =>
        Akka.Actor.Props.Create(() => new RevocationBroadcast(revocation, requester, settings));

    private enum Tick
    {
        Resend,
        ConfirmTimeout,
        GiveUp,
    }
}
