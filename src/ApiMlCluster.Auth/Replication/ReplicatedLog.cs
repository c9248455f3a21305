namespace ApiMlCluster.Auth.Replication;

/// <summary>
/// What one replicated log holds and how its entries combine. A log is a set of facts that need no single owner
/// (a revoked token id, a PAT rule, a session's southbound credentials): every node appends to its own journal
/// (<see cref="NodeLogWriter{TEntry,TKey}"/>, persistence id <c>&lt;name&gt;@&lt;instance&gt;</c>), pushes the entries to
/// every node's <see cref="LogReplica{TEntry,TKey}"/> and reads every other node's journal back at catch-up. That
/// works only because <see cref="Merge"/> is commutative, associative and idempotent: entries may arrive in any
/// order, twice, or from the journal and the broadcast both, and every node ends with the same state.
/// </summary>
internal abstract class ReplicatedLog<TEntry, TKey>
    where TEntry : notnull
    where TKey : notnull
{
    /// <summary>Short and stable: it is part of persistence ids in the journal.</summary>
    public abstract string Name { get; }

    /// <summary>Entries per journal event and per broadcast message; keeps a message far below the remoting frame size.</summary>
    public virtual int MaxBatch => 256;

    /// <summary>Persistence ids written before this log existed, read at catch-up only (the sharded buckets they replace).</summary>
    public virtual IReadOnlyList<string> LegacyPersistenceIds => [];

    public string ReplicaName => Name + "-replica";

    public string WriterName => Name + "-writer";

    public string PersistenceIdOf(string instance) => $"{Name}@{instance}";

    public abstract TKey KeyOf(TEntry entry);

    /// <summary>The entry to keep of two with one key; must not depend on which came first.</summary>
    public abstract TEntry Merge(TEntry existing, TEntry incoming);

    /// <summary>When an entry may be forgotten, in the unit <see cref="Cutoff"/> uses.</summary>
    public abstract long ExpiryOf(TEntry entry);

    /// <summary>Entries whose <see cref="ExpiryOf"/> is below this are dropped by writers and replicas.</summary>
    public abstract long Cutoff(DateTimeOffset now, ReplicationSettings settings);

    /// <summary>The snapshot payload of a writer's entries (serializable with the context's serializer).</summary>
    public abstract object Snapshot(IReadOnlyCollection<TEntry> entries);

    /// <summary>The entries in a journal event or snapshot payload of this log (or of its legacy persistence ids).</summary>
    public virtual IEnumerable<TEntry> Decode(object payload) =>
        payload is EntriesAppended<TEntry> appended ? appended.Entries : [];
}

/// <summary>A node's read side of a log: thread-safe, read by the hot path without an actor.</summary>
internal interface IReplicaStore<in TEntry>
{
    /// <summary>Merges one entry in; applying an entry twice or out of order changes nothing.</summary>
    void Apply(TEntry entry);

    /// <summary>Drops entries whose expiry is below <paramref name="cutoff"/>; returns how many.</summary>
    int Prune(long cutoff);

    /// <summary>Called once every node's journal has been read since this node started.</summary>
    void MarkReady();
}
