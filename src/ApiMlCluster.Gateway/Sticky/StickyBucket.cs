using Akka.Actor;
using ApiMlCluster.Core.Homing;
using ApiMlCluster.Core.Persistence;

namespace ApiMlCluster.Gateway.Sticky;

/// <summary>
/// The single writer of the sticky choices (<c>apiml.lb.type=authentication</c>) of the users and services whose keys
/// hash to one of <see cref="Count"/> buckets: for each key the first proposal wins and holds until it expires or a
/// node reports the instance gone or marked down. Homed by the reachable members (<see cref="HomedEntities"/>) and
/// event-sourced, so a choice outlives the node that made it (in Zowe it lives in one gateway's memory or the caching
/// service: zowe/api-layer#3952). Each new choice goes to every node's <see cref="StickyReplica"/>.
/// Buckets, not one entity per key, so expired choices leave the journal: a snapshot holds only the unexpired
/// choices and the events before it go, and a bucket snapshots when it has written enough events or when it
/// recovers choices that have expired since. A journal of one persistence id per key would keep a row for every
/// user and service ever seen (deleting events keeps the highest one).
/// </summary>
internal sealed class StickyBucket : HousekeptPersistentActor
{
    public const string HostName = "gateway-sticky-buckets";
    public const int Count = 64;
    public const int MinEventsBetweenSnapshots = 500;

    private readonly IActorRef publisher;
    private readonly TimeSpan expiration;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, StickyChoice> choices = new(StringComparer.Ordinal);
    private long eventsSinceSnapshot;

    public StickyBucket(string bucketId, IActorRef publisher, TimeSpan expiration, TimeProvider clock)
    {
        this.publisher = publisher;
        this.expiration = expiration;
        this.clock = clock;
        PersistenceId = "sticky-" + bucketId;
        JournalPluginId = OwnedJournal.PluginId;

        Recover<Akka.Persistence.SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is StickyBucketSnapshot snapshot)
            {
                foreach (var choice in snapshot.Choices)
                {
                    choices[choice.Key] = choice;
                }
            }
        });
        Recover<StickyChoiceRecorded>(e =>
        {
            choices[e.Choice.Key] = e.Choice;
            eventsSinceSnapshot++;
        });
        Recover<Akka.Persistence.RecoveryCompleted>(_ =>
        {
            if (DropExpired() > 0)
            {
                Snapshot();
            }
        });
        Command<ChooseStickyInstance>(OnChoose);
        Command<StopStickyBucket>(_ => Context.Stop(Self));
        KeepJournalShort(snapshotAt => snapshotAt);
    }

    public override string PersistenceId { get; }

    /// <summary>The bucket of a key (<see cref="StickyKeys"/>): a stable hash, the same on every node and version.</summary>
    public static string BucketOf(string key) => "b" + (StableHash.Fnv1a(key) % Count).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Akka.Actor.Props Props(string bucketId, IActorRef publisher, TimeSpan expiration, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new StickyBucket(bucketId, publisher, expiration, clock));

    private void OnChoose(ChooseStickyInstance choose)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (choices.TryGetValue(choose.Key, out var current) && now < current.ChosenAt + choose.TtlMs && !string.Equals(current.InstanceId, choose.Invalid, StringComparison.Ordinal))
        {
            Sender.Tell(current);
            return;
        }

        var requester = Sender;
        Persist(new StickyChoiceRecorded(new StickyChoice(choose.Key, choose.Proposed, now)), e =>
        {
            choices[e.Choice.Key] = e.Choice;
            requester.Tell(e.Choice);
            publisher.Tell(new PublishStickyChoice(e.Choice));
            if (++eventsSinceSnapshot >= Math.Max(MinEventsBetweenSnapshots, choices.Count / 2))
            {
                DropExpired();
                Snapshot();
            }
        });
    }

    private int DropExpired()
    {
        var before = (clock.GetUtcNow() - expiration).ToUnixTimeMilliseconds();
        var expired = choices.Values.Where(c => c.ChosenAt < before).Select(c => c.Key).ToList();
        foreach (var key in expired)
        {
            choices.Remove(key);
        }

        return expired.Count;
    }

    private void Snapshot()
    {
        eventsSinceSnapshot = 0;
        SaveSnapshot(new StickyBucketSnapshot([.. choices.Values]));
    }
}
