using Akka.Actor;
using Akka.Event;
using ApiMlCluster.Auth.Revocation;

namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>
/// One per node, at <see cref="Name"/>: keeps <see cref="RuleSnapshot"/> current. On start it reads every rule bucket
/// (so a node that was down when a rule was made, or a cluster started from cold, still applies it) and then marks
/// the snapshot ready; from then on buckets push each new rule here and wait for the acknowledgement. Rules older
/// than <see cref="RuleSettings.MaxAge"/> are pruned locally, as evict prunes the buckets.
/// </summary>
internal sealed class RuleReplica : ReceiveActor, IWithTimers
{
    public const string Name = "pat-rule-replica";

    private readonly RuleSnapshot snapshot;
    private readonly IActorRef buckets;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly HashSet<int> unread = [.. Enumerable.Range(0, RuleSettings.Buckets)];
    private readonly string node;
    private readonly RevocationSettings settings;
    private readonly TimeProvider clock;

    public RuleReplica(RuleSnapshot snapshot, IActorRef buckets, RevocationSettings settings, TimeProvider clock)
    {
        this.snapshot = snapshot;
        this.buckets = buckets;
        this.settings = settings;
        this.clock = clock;
        node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();

        Receive<ApplyRule>(apply =>
        {
            snapshot.Apply(apply.Rule);
            Sender.Tell(new RuleApplied(apply.Rule, node));
        });
        Receive<RulePage>(OnPage);
        Receive<Tick>(tick =>
        {
            if (tick == Tick.CatchUp)
            {
                RequestUnread();
            }
            else
            {
                snapshot.Prune((clock.GetUtcNow() - RuleSettings.MaxAge).ToUnixTimeMilliseconds());
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static ActorPath PathOn(Address node) => new RootActorPath(node) / "user" / Name;

    public static Props Props(RuleSnapshot snapshot, IActorRef buckets, RevocationSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new RuleReplica(snapshot, buckets, settings, clock));

    protected override void PreStart()
    {
        RequestUnread();
        Timers.StartPeriodicTimer(Tick.CatchUp, Tick.CatchUp, settings.CatchUpRetry);
        Timers.StartPeriodicTimer(Tick.Prune, Tick.Prune, settings.PruneInterval);
    }

    private void RequestUnread()
    {
        foreach (var bucket in unread)
        {
            buckets.Tell(new ReadRules(bucket));
        }
    }

    private void OnPage(RulePage page)
    {
        foreach (var rule in page.Rules)
        {
            snapshot.Apply(rule);
        }

        if (page.Last && unread.Remove(page.Bucket) && unread.Count == 0)
        {
            Timers.Cancel(Tick.CatchUp);
            snapshot.MarkReady();
            log.Info("PAT revocation rules loaded: {0} rules from {1} buckets", snapshot.Count, RuleSettings.Buckets);
        }
    }

    private enum Tick
    {
        CatchUp,
        Prune,
    }
}
