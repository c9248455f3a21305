using Akka.Actor;
using Akka.Event;

namespace ApiMlCluster.Auth.Replication;

/// <summary>
/// One per node and log, at <see cref="ReplicatedLog{TEntry,TKey}.ReplicaName"/>: keeps the node's
/// <see cref="IReplicaStore{TEntry}"/> current. Writers push every durable batch here and wait for the
/// acknowledgement; one <see cref="JournalTail{TEntry,TKey}"/> per writer (every haInstance of zowe.yaml) reads that
/// writer's journal from the start and then its new events every <see cref="ReplicationSettings.TailInterval"/>; the
/// log's legacy persistence ids are read once. The store is marked ready once every journal has been read, so a
/// node that was down during a write, or a cluster started from cold, still knows it before it serves.
/// </summary>
internal sealed class LogReplica<TEntry, TKey> : ReceiveActor, IWithTimers
    where TEntry : notnull
    where TKey : notnull
{
    private readonly ReplicatedLog<TEntry, TKey> log;
    private readonly IReplicaStore<TEntry> store;
    private readonly IReadOnlyList<string> writers;
    private readonly IReadOnlyList<string> sources;
    private readonly ReplicationSettings settings;
    private readonly TimeProvider clock;
    private readonly ILoggingAdapter logger = Context.GetLogger();
    private readonly HashSet<string> unread;
    private readonly string node;
    private readonly DateTimeOffset startedAt;

    public LogReplica(ReplicatedLog<TEntry, TKey> log, IReplicaStore<TEntry> store, IReadOnlyList<string> instances, ReplicationSettings settings, TimeProvider clock)
    {
        this.log = log;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        writers = [.. instances.Select(log.PersistenceIdOf).Distinct(StringComparer.Ordinal)];
        sources = [.. writers.Concat(log.LegacyPersistenceIds)];
        unread = [.. sources];
        node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        startedAt = clock.GetUtcNow();

        Receive<ApplyEntries<TEntry>>(apply =>
        {
            foreach (var entry in apply.Entries)
            {
                store.Apply(entry);
            }

            Sender.Tell(new EntriesApplied(apply.BatchId, node));
        });
        Receive<JournalRead>(read =>
        {
            if (unread.Remove(read.PersistenceId) && unread.Count == 0)
            {
                store.MarkReady();
                logger.Info("{0} loaded from {1} journals in {2:F1} s", log.Name, sources.Count, (clock.GetUtcNow() - startedAt).TotalSeconds);
            }
        });
        Receive<PruneTick>(_ =>
        {
            var removed = store.Prune(log.Cutoff(clock.GetUtcNow(), settings));
            if (removed > 0)
            {
                logger.Debug("Pruned {0} expired {1} entries", removed, log.Name);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ReplicatedLog<TEntry, TKey> log, IReplicaStore<TEntry> store, IReadOnlyList<string> instances, ReplicationSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new LogReplica<TEntry, TKey>(log, store, instances, settings, clock));

    protected override void PreStart()
    {
        var index = 0;
        foreach (var source in sources)
        {
            // Nothing writes the legacy ids any more: they are read once, only live writers are tailed.
            var tail = writers.Contains(source);
            Context.ActorOf(JournalTail<TEntry, TKey>.Props(log, source, store, settings, tail), $"tail-{index++}");
        }

        if (sources.Count == 0)
        {
            store.MarkReady();
        }

        Timers.StartPeriodicTimer("prune", PruneTick.Instance, settings.PruneInterval);
    }

    private sealed class PruneTick
    {
        public static readonly PruneTick Instance = new();
    }
}

/// <summary>Told by a <see cref="JournalTail{TEntry,TKey}"/> to its replica once it has read its journal through; local only.</summary>
internal sealed record JournalRead(string PersistenceId) : INoSerializationVerificationNeeded;
