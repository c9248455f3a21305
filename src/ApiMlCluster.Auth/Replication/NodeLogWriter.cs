using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ApiMlCluster.Core.Persistence;

namespace ApiMlCluster.Auth.Replication;

/// <summary>
/// This node's writer of one log: its own persistence id (<c>&lt;log&gt;@&lt;instance&gt;</c>), so a write never waits
/// for another node, for a shard to be allocated or for a crashed owner to be removed. Appends that arrive while a
/// write is in flight are committed together in the next event (group commit), then pushed to every node's replica
/// by one <see cref="ConfirmedBroadcast"/>; each requester is answered when the reachable nodes applied it. The writer
/// keeps its own unexpired entries for its snapshots; a snapshot drops expired entries and lets the events before
/// the previous snapshot go, so the journal follows the number of live entries, not the number ever written.
/// </summary>
internal sealed class NodeLogWriter<TEntry, TKey> : HousekeptPersistentActor, IWithTimers
    where TEntry : notnull
    where TKey : notnull
{
    private const string PruneTimer = "prune";
    private readonly ReplicatedLog<TEntry, TKey> log;
    private readonly ReplicationSettings settings;
    private readonly TimeProvider clock;
    private readonly ILoggingAdapter logger = Context.GetLogger();
    private readonly Dictionary<TKey, TEntry> entries = [];
    private readonly List<(TEntry Entry, IActorRef Requester)> queued = [];
    private readonly List<IActorRef> pruneRequesters = [];
    private List<(TEntry Entry, IActorRef Requester)>? inFlight;
    private long entriesSinceSnapshot;
    private long previousSnapshot;
    private int prunedSinceSnapshot;

    public NodeLogWriter(ReplicatedLog<TEntry, TKey> log, string instance, ReplicationSettings settings, TimeProvider clock)
    {
        this.log = log;
        this.settings = settings;
        this.clock = clock;
        PersistenceId = log.PersistenceIdOf(instance);

        Recover<SnapshotOffer>(offer =>
        {
            previousSnapshot = offer.Metadata.SequenceNr;
            foreach (var entry in log.Decode(offer.Snapshot))
            {
                Merge(entry);
            }
        });
        Recover<EntriesAppended<TEntry>>(appended =>
        {
            foreach (var entry in appended.Entries)
            {
                Merge(entry);
            }
        });
        Recover<RecoveryCompleted>(_ => DropExpired());

        Command<Append<TEntry>>(OnAppend);
        Command<PruneNow>(_ =>
        {
            pruneRequesters.Add(Sender);
            if (DropExpired() == 0 && prunedSinceSnapshot == 0)
            {
                AnswerPrunes(failure: null);
                return;
            }

            TakeSnapshot();
        });
        Command<PruneTick>(_ =>
        {
            if (DropExpired() > 0)
            {
                TakeSnapshot();
            }
        });
        // Keep the previous snapshot and the events after it: a replica that has just read that snapshot must still
        // find every event after it (see LogReplica's tail).
        KeepJournalShort(
            snapshotAt =>
            {
                var through = previousSnapshot;
                previousSnapshot = snapshotAt;
                return through > 0 ? through : null;
            },
            AnswerPrunes);
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ReplicatedLog<TEntry, TKey> log, string instance, ReplicationSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new NodeLogWriter<TEntry, TKey>(log, instance, settings, clock));

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer(PruneTimer, PruneTick.Instance, settings.PruneInterval);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Akka stops the writer after this; its host starts it again. Nothing in flight or queued was acknowledged.
        FailAll(cause.Message);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        FailAll(cause.Message);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void OnAppend(Append<TEntry> append)
    {
        var key = log.KeyOf(append.Entry);
        if (entries.TryGetValue(key, out var existing) && Equals(log.Merge(existing, append.Entry), existing))
        {
            // Durable already (a resend after a lost answer): broadcast again, so the answer still means "applied everywhere".
            Broadcast([existing], [new Waiter(Sender, AlreadyPresent: true)]);
            return;
        }

        queued.Add((append.Entry, Sender));
        if (inFlight is null)
        {
            Flush();
        }
    }

    private void Flush()
    {
        var count = Math.Min(queued.Count, log.MaxBatch);
        var batch = queued.GetRange(0, count);
        queued.RemoveRange(0, count);
        inFlight = batch;
        PersistAsync(new EntriesAppended<TEntry>([.. batch.Select(b => b.Entry)]), appended =>
        {
            foreach (var entry in appended.Entries)
            {
                Merge(entry);
            }

            Broadcast(appended.Entries, [.. batch.Select(b => new Waiter(b.Requester, AlreadyPresent: false))]);
            inFlight = null;
            entriesSinceSnapshot += appended.Entries.Count;
            if (entriesSinceSnapshot >= Math.Max(settings.SnapshotEvery, entries.Count / 2))
            {
                TakeSnapshot();
            }

            if (queued.Count > 0)
            {
                Flush();
            }
        });
    }

    private void Broadcast(IReadOnlyList<TEntry> batch, IReadOnlyList<Waiter> waiters)
    {
        var id = Guid.NewGuid();
        var description = $"{log.Name} batch {id:N} of {batch.Count}";
        Context.ActorOf(ConfirmedBroadcast.Props(new ApplyEntries<TEntry>(id, batch), id, log.ReplicaName, waiters, description, settings));
    }

    private void Merge(TEntry entry)
    {
        var key = log.KeyOf(entry);
        entries[key] = entries.TryGetValue(key, out var existing) ? log.Merge(existing, entry) : entry;
    }

    private int DropExpired()
    {
        var cutoff = log.Cutoff(clock.GetUtcNow(), settings);
        var expired = entries.Where(e => log.ExpiryOf(e.Value) < cutoff).Select(e => e.Key).ToList();
        foreach (var key in expired)
        {
            entries.Remove(key);
        }

        prunedSinceSnapshot += expired.Count;
        return expired.Count;
    }

    private void TakeSnapshot()
    {
        entriesSinceSnapshot = 0;
        prunedSinceSnapshot = 0;
        SaveSnapshot(log.Snapshot(entries.Values));
    }

    private void AnswerPrunes(string? failure)
    {
        foreach (var requester in pruneRequesters)
        {
            requester.Tell(failure is null ? Pruned.Instance : new AppendFailed(failure));
        }

        pruneRequesters.Clear();
    }

    private void FailAll(string reason)
    {
        var failed = new AppendFailed(reason);
        foreach (var (_, requester) in (inFlight ?? []).Concat(queued))
        {
            requester.Tell(failed);
        }

        inFlight = null;
        queued.Clear();
        AnswerPrunes(reason);
    }

    private sealed class PruneTick
    {
        public static readonly PruneTick Instance = new();
    }
}
