using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Homing;
using ApiMlCluster.Core.Persistence;

namespace ApiMlCluster.Caching.Storage;

/// <summary>
/// One bucket of one namespace (an event-sourced entity homed by <see cref="HomedEntities"/>): the single writer of
/// its keys, so of two concurrent creates of a key exactly one succeeds. A change is answered only once the journal
/// holds it; should another incarnation have written first (two nodes' views of the cluster briefly disagreed), the
/// journal refuses the write, the requester is told to retry and this incarnation stops. Snapshots
/// are taken after at least half the bucket's size in events, which keeps both recovery (snapshot plus at most that
/// many events) and the cost of snapshotting per write bounded however large the bucket grows.
/// </summary>
internal sealed class CacheBucket : HousekeptPersistentActor
{
    /// <summary>Pages stay well under the 256 KB remoting frame even with base64-encoded values.</summary>
    public const int PageBytes = 64 * 1024;

    private readonly BucketLimits limits;
    private readonly TimeProvider clock;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly string entityId;
    private BucketState state;
    private long eventsSinceSnapshot;
    private (Guid RequestId, IActorRef Requester)? writing;

    public CacheBucket(string entityId, BucketLimits limits, TimeProvider clock)
    {
        this.entityId = entityId;
        this.limits = limits;
        this.clock = clock;
        state = new BucketState(limits.RememberedRequests);
        PersistenceId = $"cache-{entityId}";
        JournalPluginId = OwnedJournal.PluginId;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is BucketSnapshot snapshot)
            {
                state = BucketState.From(snapshot, limits.RememberedRequests);
            }
        });
        Recover<IBucketEvent>(e =>
        {
            state.Apply(e);
            eventsSinceSnapshot++;
        });

        Command<CreateEntry>(OnCreate);
        Command<UpdateEntry>(OnUpdate);
        Command<DeleteEntry>(OnDelete);
        Command<ClearEntries>(clear => Write(clear.RequestId, () => state.Count == 0 ? null : new EntriesCleared(clear.RequestId)));
        Command<StoreMapItem>(OnStoreMapItem);
        Command<EvictMapItems>(OnEvict);
        Command<GetEntry>(get => Sender.Tell(state.Find(get.Key) is { } entry ? new EntryFound(entry) : new EntryMissing(get.Key)));
        Command<ReadBucket>(read => SendPages(read, Sender));
        Command<StopBucket>(_ => Context.Stop(Self));
        KeepJournalShort(snapshotAt => snapshotAt);
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId, BucketLimits limits, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new CacheBucket(entityId, limits, clock));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The write is not in the journal; a retry reaches a fresh incarnation that has recovered the winner's write.
        if (writing is { } pending)
        {
            pending.Requester.Tell(new BucketRetry(pending.RequestId));
        }

        log.Info("A write to {0} was refused ({1}); the bucket stops and recovers on its next message", PersistenceId, cause.Message);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private void OnCreate(CreateEntry create)
    {
        if (state.WasApplied(create.RequestId))
        {
            Sender.Tell(new BucketDone(create.RequestId));
            return;
        }

        if (state.Find(create.Key) is not null)
        {
            Reject(create.RequestId, RejectionReason.KeyExists);
            return;
        }

        if (create.Value.Length > limits.MaxValueBytes)
        {
            Reject(create.RequestId, RejectionReason.ValueTooLarge);
            return;
        }

        string? evicted = null;
        if (state.Count >= limits.MaxEntries)
        {
            if (limits.Eviction == CacheEvictionStrategy.Reject || state.Oldest is null)
            {
                Reject(create.RequestId, RejectionReason.Full);
                return;
            }

            evicted = state.Oldest.Key;
        }

        Write(create.RequestId, () => new EntryWritten(create.RequestId, create.Key, create.Value, Now(), evicted));
    }

    private void OnUpdate(UpdateEntry update)
    {
        if (state.WasApplied(update.RequestId))
        {
            Sender.Tell(new BucketDone(update.RequestId));
        }
        else if (state.Find(update.Key) is null)
        {
            Reject(update.RequestId, RejectionReason.KeyNotFound);
        }
        else if (update.Value.Length > limits.MaxValueBytes)
        {
            Reject(update.RequestId, RejectionReason.ValueTooLarge);
        }
        else
        {
            Write(update.RequestId, () => new EntryWritten(update.RequestId, update.Key, update.Value, Now(), null));
        }
    }

    private void OnDelete(DeleteEntry delete)
    {
        if (state.WasApplied(delete.RequestId))
        {
            Sender.Tell(new BucketDone(delete.RequestId));
        }
        else if (state.Find(delete.Key) is null)
        {
            Reject(delete.RequestId, RejectionReason.KeyNotFound);
        }
        else
        {
            Write(delete.RequestId, () => new EntryDeleted(delete.RequestId, delete.Key));
        }
    }

    private void OnStoreMapItem(StoreMapItem store)
    {
        // Map items (PAT revocations) do not count against storage.size and are never evicted: evicting one would
        // un-revoke a token. A refusal past their own bound is seen by the writer, so nothing is lost silently.
        if (store.Value.Length > limits.MaxValueBytes && !state.WasApplied(store.RequestId))
        {
            Reject(store.RequestId, RejectionReason.ValueTooLarge);
            return;
        }

        if (state.MapItemCount >= limits.MaxMapItems && !state.WasApplied(store.RequestId) && state.Map(store.MapKey)?.ContainsKey(store.ItemKey) != true)
        {
            Reject(store.RequestId, RejectionReason.Full);
            return;
        }

        Write(store.RequestId, () => new MapItemWritten(store.RequestId, store.MapKey, store.ItemKey, store.Value));
    }

    private void OnEvict(EvictMapItems evict)
    {
        Write(evict.RequestId, () =>
        {
            var now = clock.GetUtcNow();
            var irrelevant = state.Map(evict.MapKey)?
                .Where(item => Retention.IsIrrelevant(evict.Rule, item.Value, now))
                .Select(item => item.Key)
                .ToList();
            return irrelevant is { Count: > 0 } ? new MapItemsEvicted(evict.RequestId, evict.MapKey, irrelevant) : null;
        });
    }

    /// <summary>Journals the event <paramref name="change"/> makes (none: nothing to do) and answers once it is stored.</summary>
    private void Write(Guid requestId, Func<IBucketEvent?> change)
    {
        var requester = Sender;
        if (state.WasApplied(requestId) || change() is not { } @event)
        {
            requester.Tell(new BucketDone(requestId));
            return;
        }

        writing = (requestId, requester);
        Persist(@event, persisted =>
        {
            writing = null;
            state.Apply(persisted);
            requester.Tell(new BucketDone(requestId));
            if (++eventsSinceSnapshot >= Math.Max(limits.MinEventsBetweenSnapshots, state.Size / 2))
            {
                eventsSinceSnapshot = 0;
                SaveSnapshot(state.ToSnapshot());
            }
        });
    }

    private void Reject(Guid requestId, RejectionReason reason) => Sender.Tell(new BucketRejected(requestId, reason));

    private void SendPages(ReadBucket read, IActorRef reader)
    {
        var entries = new List<CacheEntry>();
        var items = new List<MapItem>();
        var bytes = 0;
        void Flush(bool last)
        {
            reader.Tell(new BucketPage(entityId, [.. entries], [.. items], last));
            entries.Clear();
            items.Clear();
            bytes = 0;
        }

        if (read.Content == BucketContent.Entries)
        {
            foreach (var entry in state.Entries)
            {
                var size = 64 + (entry.Key.Length * 3) + (entry.Value.Length * 4 / 3);
                if (bytes + size > PageBytes && bytes > 0)
                {
                    Flush(last: false);
                }

                entries.Add(entry);
                bytes += size;
            }
        }
        else
        {
            foreach (var item in state.MapItems(read.MapKey))
            {
                var size = 64 + ((item.MapKey.Length + item.ItemKey.Length) * 3) + (item.Value.Length * 4 / 3);
                if (bytes + size > PageBytes && bytes > 0)
                {
                    Flush(last: false);
                }

                items.Add(item);
                bytes += size;
            }
        }

        Flush(last: true);
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
