using Akka.Actor;

namespace ApiMlCluster.Auth.Replication;

/// <summary>Appends one entry to this node's writer; answered with <see cref="Appended"/> or <see cref="AppendFailed"/>.</summary>
internal sealed record Append<TEntry>(TEntry Entry) : IAuthMessage;

/// <summary>
/// The entry is durable and every reachable node applied it. <paramref name="AlreadyPresent"/>: this writer held it
/// already (a resent write); <paramref name="Unconfirmed"/> lists nodes (Akka addresses) that had not applied it
/// when the answer was due.
/// </summary>
internal sealed record Appended(bool AlreadyPresent, IReadOnlyList<string> Unconfirmed) : IAuthMessage;

/// <summary>The journal refused the write: nothing was acknowledged and the caller answers 503.</summary>
internal sealed record AppendFailed(string Reason) : IAuthMessage;

/// <summary>Journal event of a writer: one group commit.</summary>
internal sealed record EntriesAppended<TEntry>(IReadOnlyList<TEntry> Entries) : IAuthMessage;

/// <summary>Sent by a writer to every node's replica once the entries are durable.</summary>
internal sealed record ApplyEntries<TEntry>(Guid BatchId, IReadOnlyList<TEntry> Entries) : IAuthMessage;

/// <summary>A replica's acknowledgement; <paramref name="Node"/> is its node's cluster address.</summary>
internal sealed record EntriesApplied(Guid BatchId, string Node) : IAuthMessage;

/// <summary>Asks a writer to drop expired entries now and snapshot; answered with <see cref="Pruned"/> once the snapshot is saved.</summary>
internal sealed record PruneNow : IAuthMessage
{
    public static readonly PruneNow Instance = new();
}

internal sealed record Pruned : IAuthMessage
{
    public static readonly Pruned Instance = new();
}

/// <summary>One requester waiting for a broadcast, local only.</summary>
internal readonly record struct Waiter(IActorRef Requester, bool AlreadyPresent);
