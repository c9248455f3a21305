using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ApiMlCluster.Auth.Replication;

/// <summary>
/// Reads one writer's journal into a replica's store without being that writer: its latest snapshot, then every
/// event after it through the journal's replay protocol, then, every <see cref="ReplicationSettings.TailInterval"/>,
/// the events after the last one read. The replay's highest sequence number shows when events were deleted under
/// the reader (the writer snapshotted twice since): then it starts again from the newest snapshot. Merging is
/// idempotent, so reading an entry twice, or before its broadcast arrives, is harmless. A <see cref="ReadAgain"/>
/// starts a pass at once (or right after the current one) and that pass is reported with the request's generation.
/// </summary>
internal sealed class JournalTail<TEntry, TKey> : ReceiveActor, IWithTimers
    where TEntry : notnull
    where TKey : notnull
{
    private readonly ReplicatedLog<TEntry, TKey> log;
    private readonly string persistenceId;
    private readonly IReplicaStore<TEntry> store;
    private readonly ReplicationSettings settings;
    private readonly ILoggingAdapter logger = Context.GetLogger();
    private readonly IActorRef journal;
    private readonly IActorRef snapshots;
    private readonly bool tail;
    private long read;
    private long expected;
    private bool gap;
    private bool reported;
    private int restarts;
    private long requestedGeneration;
    private long passGeneration;
    private bool requested;
    private bool reportPass;

    public JournalTail(ReplicatedLog<TEntry, TKey> log, string persistenceId, IReplicaStore<TEntry> store, ReplicationSettings settings, bool tail)
    {
        this.tail = tail;
        this.log = log;
        this.persistenceId = persistenceId;
        this.store = store;
        this.settings = settings;
        var persistence = Persistence.Instance.Apply(Context.System);
        journal = persistence.JournalFor(null);
        snapshots = persistence.SnapshotStoreFor(null);

        Become(LoadingSnapshot);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="tail">Keep reading new events after the first pass; false for a journal nobody writes any more.</param>
    public static Props Props(ReplicatedLog<TEntry, TKey> log, string persistenceId, IReplicaStore<TEntry> store, ReplicationSettings settings, bool tail) =>
        Akka.Actor.Props.Create(() => new JournalTail<TEntry, TKey>(log, persistenceId, store, settings, tail));

    protected override void PreStart() => RequestSnapshot();

    private void RequestSnapshot() =>
        snapshots.Tell(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue));

    private void LoadingSnapshot()
    {
        Receive<LoadSnapshotResult>(result =>
        {
            if (result.Snapshot is { } selected)
            {
                foreach (var entry in log.Decode(selected.Snapshot))
                {
                    store.Apply(entry);
                }

                read = Math.Max(read, selected.Metadata.SequenceNr);
            }

            Replay();
        });
        Receive<LoadSnapshotFailed>(failed => RetryLater("snapshot", failed.Cause));
        Receive<Tick>(_ => RequestSnapshot());
        Receive<ReadAgain>(Request);
    }

    private void Request(ReadAgain again)
    {
        requested = true;
        requestedGeneration = again.Generation;
    }

    private void Replay()
    {
        // A request that arrived before this replay began is answered by it; one arriving later needs another pass.
        reportPass = requested || !reported;
        passGeneration = requestedGeneration;
        requested = false;
        expected = read + 1;
        gap = false;
        journal.Tell(new ReplayMessages(read + 1, long.MaxValue, long.MaxValue, persistenceId, Self));
        Become(Replaying);
    }

    private void Replaying()
    {
        Receive<ReplayedMessage>(replayed =>
        {
            var sequenceNr = replayed.Persistent.SequenceNr;
            gap |= sequenceNr != expected;
            foreach (var entry in log.Decode(replayed.Persistent.Payload))
            {
                store.Apply(entry);
            }

            expected = sequenceNr + 1;
            read = Math.Max(read, sequenceNr);
        });
        Receive<RecoverySuccess>(success =>
        {
            if (gap || success.HighestSequenceNr > read)
            {
                // Events this reader had not seen were deleted after a newer snapshot: read that snapshot.
                if (++restarts % 10 == 0)
                {
                    logger.Warning("Journal {0} keeps moving under its reader ({1} restarts)", persistenceId, restarts);
                }

                Become(LoadingSnapshot);
                RequestSnapshot();
                return;
            }

            if (reportPass)
            {
                reported = true;
                Context.Parent.Tell(new JournalRead(persistenceId, passGeneration));
            }

            if (requested)
            {
                Replay();
                return;
            }

            if (!tail)
            {
                Context.Stop(Self);
                return;
            }

            Become(Waiting);
            Timers.StartSingleTimer("tail", Tick.Instance, settings.TailInterval);
        });
        Receive<ReplayMessagesFailure>(failure => RetryLater("journal", failure.Cause));
        Receive<ReadAgain>(Request);
    }

    private void Waiting()
    {
        Receive<Tick>(_ => Replay());
        Receive<ReadAgain>(again =>
        {
            Timers.Cancel("tail");
            Request(again);
            Replay();
        });
    }

    private void RetryLater(string what, Exception cause)
    {
        logger.Warning("Reading the {0} of {1} failed, trying again in {2}: {3}", what, persistenceId, settings.CatchUpRetry, cause.Message);
        Become(LoadingSnapshot);
        Timers.StartSingleTimer("retry", Tick.Instance, settings.CatchUpRetry);
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
