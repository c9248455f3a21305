using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ApiMlCluster.Auth.Revocation;

/// <summary>
/// The durable truth for one bucket of revoked token ids (a sharded, event-sourced entity). A revocation is
/// journaled first, then pushed to every node's <see cref="RevocationReplica"/>; the requester is answered when
/// the nodes have applied it. Snapshots drop expired entries and the events before them, so the journal stays
/// as small as the set of unexpired revocations.
/// </summary>
internal sealed class RevocationBucket : ReceivePersistentActor, IWithTimers
{
    private const string PruneTimer = "prune";
    private readonly Dictionary<Guid, long> expiryById = [];
    private readonly RevocationSettings settings;
    private readonly TimeProvider clock;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly int bucket;
    private long eventsSinceSnapshot;
    private (IActorRef Requester, Guid TokenId)? writing;

    public RevocationBucket(string entityId, RevocationSettings settings, TimeProvider clock)
    {
        bucket = int.Parse(entityId, System.Globalization.CultureInfo.InvariantCulture);
        PersistenceId = $"revocations-{bucket:D2}";
        this.settings = settings;
        this.clock = clock;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is BucketSnapshot snapshot)
            {
                foreach (var (id, expiresAt) in PackedEntries.Unpack(snapshot.Entries))
                {
                    expiryById[id] = expiresAt;
                }
            }
        });
        Recover<TokenRevoked>(Apply);
        Recover<RecoveryCompleted>(_ => Prune());

        Command<Revoke>(OnRevoke);
        Command<ReadBucket>(_ => SendPages(Sender));
        Command<PruneTick>(_ => Prune());
        Command<SaveSnapshotSuccess>(success =>
        {
            DeleteMessages(success.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failure => log.Warning(failure.Cause, "Snapshot of {0} failed; the journal keeps every event", PersistenceId));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => log.Warning(failure.Cause, "Deleting old events of {0} failed", PersistenceId));
        Command<DeleteSnapshotsFailure>(failure => log.Warning(failure.Cause, "Deleting old snapshots of {0} failed", PersistenceId));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer(PruneTimer, PruneTick.Instance, settings.PruneInterval);
    }

    private void OnRevoke(Revoke revoke)
    {
        if (expiryById.ContainsKey(revoke.TokenId))
        {
            Sender.Tell(new RevokeResult(revoke.TokenId, RevokeOutcome.AlreadyRevoked, []));
            return;
        }

        var requester = Sender;
        writing = (requester, revoke.TokenId);
        Persist(new TokenRevoked(revoke.TokenId, revoke.ExpiresAt), revoked =>
        {
            writing = null;
            Apply(revoked);
            Context.ActorOf(RevocationBroadcast.Props(new ApplyRevocation(revoked.TokenId, revoked.ExpiresAt), requester, settings));
            if (++eventsSinceSnapshot >= settings.SnapshotEvery)
            {
                TakeSnapshot();
            }
        });
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Answer before Akka stops the bucket, so the caller can say 503 at once instead of waiting out its ask.
        AnswerStoreFailed();
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        AnswerStoreFailed();
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void AnswerStoreFailed()
    {
        if (writing is { } pending)
        {
            pending.Requester.Tell(new RevokeResult(pending.TokenId, RevokeOutcome.StoreFailed, []));
            writing = null;
        }
    }

    private void Apply(TokenRevoked revoked) => expiryById[revoked.TokenId] = revoked.ExpiresAt;

    private void SendPages(IActorRef reader)
    {
        var entries = expiryById.ToList();
        var pages = entries.Chunk(settings.PageSize).ToList();
        if (pages.Count == 0)
        {
            reader.Tell(new BucketPage(bucket, [], Last: true));
            return;
        }

        for (var i = 0; i < pages.Count; i++)
        {
            reader.Tell(new BucketPage(bucket, PackedEntries.Pack(pages[i]), Last: i == pages.Count - 1));
        }
    }

    private void Prune()
    {
        var cutoff = (clock.GetUtcNow() - settings.PruneMargin).ToUnixTimeSeconds();
        var expired = expiryById.Where(e => e.Value < cutoff).Select(e => e.Key).ToList();
        foreach (var id in expired)
        {
            expiryById.Remove(id);
        }

        // Only a snapshot makes a prune durable: replaying the journal would bring the entries back.
        if (expired.Count > 0 && !IsRecovering)
        {
            TakeSnapshot();
        }
    }

    private void TakeSnapshot()
    {
        eventsSinceSnapshot = 0;
        SaveSnapshot(new BucketSnapshot(PackedEntries.Pack(expiryById)));
    }

    public static Props Props(string entityId, RevocationSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new RevocationBucket(entityId, settings, clock));

    private sealed class PruneTick
    {
        public static readonly PruneTick Instance = new();
    }
}
