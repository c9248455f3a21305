using Akka.Actor;
using Akka.Event;

namespace ApiMlCluster.Auth.Revocation;

/// <summary>
/// One per node, at <see cref="Name"/>: keeps <see cref="RevocationSnapshot"/> current. On start it reads every
/// bucket (so a node that was down during a logout, or a cluster started from cold, still rejects the token) and
/// marks the snapshot ready; from then on buckets push each new revocation here and wait for the acknowledgement.
/// </summary>
internal sealed class RevocationReplica : ReceiveActor, IWithTimers
{
    public const string Name = "revocation-replica";

    private readonly RevocationSnapshot snapshot;
    private readonly IActorRef buckets;
    private readonly RevocationSettings settings;
    private readonly TimeProvider clock;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly HashSet<int> unread = [.. Enumerable.Range(0, RevocationSettings.Buckets)];
    private readonly string node;
    private readonly DateTimeOffset startedAt;

    public RevocationReplica(RevocationSnapshot snapshot, IActorRef buckets, RevocationSettings settings, TimeProvider clock)
    {
        this.snapshot = snapshot;
        this.buckets = buckets;
        this.settings = settings;
        this.clock = clock;
        node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        startedAt = clock.GetUtcNow();

        Receive<ApplyRevocation>(apply =>
        {
            snapshot.Add(apply.TokenId, apply.ExpiresAt);
            Sender.Tell(new RevocationApplied(apply.TokenId, node));
        });
        Receive<BucketPage>(OnPage);
        Receive<Tick>(tick =>
        {
            if (tick == Tick.CatchUp)
            {
                RequestUnread();
            }
            else
            {
                var removed = snapshot.Prune((clock.GetUtcNow() - settings.PruneMargin).ToUnixTimeSeconds());
                if (removed > 0)
                {
                    log.Debug("Pruned {0} expired revocations; {1} remain", removed, snapshot.Count);
                }
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static ActorPath PathOn(Address node) => new RootActorPath(node) / "user" / Name;

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
            buckets.Tell(new ReadBucket(bucket));
        }
    }

    private void OnPage(BucketPage page)
    {
        foreach (var (id, expiresAt) in PackedEntries.Unpack(page.Entries))
        {
            snapshot.Add(id, expiresAt);
        }

        if (page.Last && unread.Remove(page.Bucket) && unread.Count == 0)
        {
            Timers.Cancel(Tick.CatchUp);
            snapshot.MarkReady();
            log.Info("Revocation list loaded: {0} revoked tokens from {1} buckets in {2:F1} s",
                snapshot.Count, RevocationSettings.Buckets, (clock.GetUtcNow() - startedAt).TotalSeconds);
        }
    }

    public static Props Props(RevocationSnapshot snapshot, IActorRef buckets, RevocationSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new RevocationReplica(snapshot, buckets, settings, clock));

    private enum Tick
    {
        CatchUp,
        Prune,
    }
}
