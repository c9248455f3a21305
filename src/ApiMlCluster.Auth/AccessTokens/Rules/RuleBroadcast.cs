using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using ApiMlCluster.Auth.Revocation;

namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>
/// Pushes one durable rule to the <see cref="RuleReplica"/> of every cluster member and answers the requester when
/// all reachable members have applied it, as <see cref="RevocationBroadcast"/> does for a revoked token: the window
/// between the 204 and the rule being in effect at any other node is zero. Members that do not answer keep getting
/// the rule until they do, leave, or <see cref="RevocationSettings.GiveUpAfter"/> passes (then they re-read every
/// bucket when they restart).
/// </summary>
internal sealed class RuleBroadcast : ReceiveActor, IWithTimers
{
    private readonly ApplyRule apply;
    private readonly RevocationSettings settings;
    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly HashSet<Address> pending = [];
    private readonly HashSet<Address> awaited = [];
    private IActorRef? requester;

    public RuleBroadcast(RuleEntry rule, IActorRef requester, RevocationSettings settings)
    {
        apply = new ApplyRule(rule);
        this.requester = requester;
        this.settings = settings;

        Receive<RuleApplied>(applied =>
        {
            var node = Address.Parse(applied.Node);
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
                    var members = cluster.State.Members.Where(IsServing).Select(m => m.Address).ToHashSet();
                    pending.RemoveWhere(node => !members.Contains(node));
                    awaited.RemoveWhere(node => !members.Contains(node));
                    AnswerIfConfirmed();
                    SendToPending();
                    StopIfDone();
                    break;
                case Tick.ConfirmTimeout:
                    Answer();
                    break;
                case Tick.GiveUp:
                    log.Warning("Rule {0} {1} was not confirmed by {2} after {3}; they re-read it when they restart", rule.Kind, rule.Subject, string.Join(", ", pending), settings.GiveUpAfter);
                    Context.Stop(Self);
                    break;
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RuleEntry rule, IActorRef requester, RevocationSettings settings) =>
        Akka.Actor.Props.Create(() => new RuleBroadcast(rule, requester, settings));

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
            Context.ActorSelection(RuleReplica.PathOn(node)).Tell(apply);
        }
    }

    private void StopIfDone()
    {
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
            log.Warning("Rule {0} {1} answered before {2} confirmed it", apply.Rule.Kind, apply.Rule.Subject, string.Join(", ", unconfirmed));
        }

        requester.Tell(new RuleRecorded(apply.Rule, unconfirmed));
        requester = null;
    }

    private enum Tick
    {
        Resend,
        ConfirmTimeout,
        GiveUp,
    }
}
