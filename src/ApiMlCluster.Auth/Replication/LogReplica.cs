using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ApiMlCluster.Auth.Replication;

/// <summary>
/// One per node and log, at <see cref="ReplicatedLog{TEntry,TKey}.ReplicaName"/>: keeps the node's
/// <see cref="IReplicaStore{TEntry}"/> current. Writers push every durable batch here and wait for the
/// acknowledgement; one <see cref="JournalTail{TEntry,TKey}"/> per writer (every haInstance of zowe.yaml) reads that
/// writer's journal from the start and then its new events every <see cref="ReplicationSettings.TailInterval"/>; the
/// log's legacy persistence ids are read once. The store is marked ready once every journal has been read, and read
/// again after this node became Up, so a node that was down during a write, or a cluster started from cold, still
/// knows it before it serves. The second read closes the gap of a restarting node: writers broadcast only to
/// members, and a write made after the first read but before every writer saw this node join reached neither the
/// first read nor this replica. Once the node is Up every member has seen it join, so later writes are broadcast
/// to it and earlier ones are in the journals it reads then.
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
    private readonly HashSet<string> unreadSinceUp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> tails = new(StringComparer.Ordinal);
    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly string node;
    private readonly DateTimeOffset startedAt;
    private long generation;
    private bool up;
    private bool ready;

    public LogReplica(ReplicatedLog<TEntry, TKey> log, IReplicaStore<TEntry> store, IReadOnlyList<string> instances, ReplicationSettings settings, TimeProvider clock)
    {
        this.log = log;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        writers = [.. instances.Select(log.PersistenceIdOf).Distinct(StringComparer.Ordinal)];
        sources = [.. writers.Concat(log.LegacyPersistenceIds)];
        unread = [.. sources];
        node = cluster.SelfAddress.ToString();
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
            if (unread.Remove(read.PersistenceId) && unread.Count == 0 && !up)
            {
                logger.Info("{0}: read {1} journals; reading them again once this node is Up", log.Name, sources.Count);
            }

            if (up && read.Generation == generation)
            {
                unreadSinceUp.Remove(read.PersistenceId);
            }

            MarkReadyIfRead();
        });
        Receive<ClusterEvent.MemberUp>(memberUp => memberUp.Member.UniqueAddress == cluster.SelfUniqueAddress && !up, _ =>
        {
            up = true;
            generation++;
            foreach (var writer in writers)
            {
                unreadSinceUp.Add(writer);
                tails[writer].Tell(new ReadAgain(generation));
            }

            MarkReadyIfRead();
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
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
            tails[source] = Context.ActorOf(JournalTail<TEntry, TKey>.Props(log, source, store, settings, tail), $"tail-{index++}");
        }

        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberUp));
        Timers.StartPeriodicTimer("prune", PruneTick.Instance, settings.PruneInterval);
    }

    protected override void PostStop() => cluster.Unsubscribe(Self);

    private void MarkReadyIfRead()
    {
        if (ready || !up || unread.Count > 0 || unreadSinceUp.Count > 0)
        {
            return;
        }

        ready = true;
        store.MarkReady();
        logger.Info("{0} loaded from {1} journals in {2:F1} s", log.Name, sources.Count, (clock.GetUtcNow() - startedAt).TotalSeconds);
    }

    private sealed class PruneTick
    {
        public static readonly PruneTick Instance = new();
    }
}

/// <summary>
/// Told by a <see cref="JournalTail{TEntry,TKey}"/> to its replica when a first or requested pass has read its journal
/// through; <see cref="Generation"/> is that of the latest <see cref="ReadAgain"/> the pass began after (0: none). Local only.
/// </summary>
internal sealed record JournalRead(string PersistenceId, long Generation) : INoSerializationVerificationNeeded;

/// <summary>Asks a <see cref="JournalTail{TEntry,TKey}"/> for a pass that begins after this message; local only.</summary>
internal sealed record ReadAgain(long Generation) : INoSerializationVerificationNeeded;
