using ApiMlCluster.Auth.Replication;

namespace ApiMlCluster.Auth.Sessions;

/// <summary>
/// Sessions with southbound credentials. A session start is unique by its token id, and an end only ever wins
/// over a start, so no single owner is needed: the node that logs the user in records it, any node ends it.
/// </summary>
internal sealed class SessionLog : ReplicatedLog<SessionRecord, Guid>
{
    public static readonly SessionLog Instance = new();

    public override string Name => "sessions";

    /// <summary>A sealed z/OSMF token is a few kilobytes: keep a broadcast well inside the 256 KB frame.</summary>
    public override int MaxBatch => 32;

    public override Guid KeyOf(SessionRecord entry) => entry.SessionId;

    public override SessionRecord Merge(SessionRecord existing, SessionRecord incoming) => (existing.EndedAt, incoming.EndedAt) switch
    {
        (null, not null) => incoming,
        (not null, not null) when incoming.EndedAt < existing.EndedAt => incoming,
        _ => existing,
    };

    public override long ExpiryOf(SessionRecord entry) => entry.ExpiresAt;

    public override long Cutoff(DateTimeOffset now, ReplicationSettings settings) => (now - settings.PruneMargin).ToUnixTimeSeconds();

    public override object Snapshot(IReadOnlyCollection<SessionRecord> entries) => new SessionsSnapshot([.. entries]);

    public override IEnumerable<SessionRecord> Decode(object payload) =>
        payload is SessionsSnapshot snapshot ? snapshot.Sessions : base.Decode(payload);
}
