using System.Collections.Concurrent;
using ApiMlCluster.Auth.Replication;

namespace ApiMlCluster.Auth.Sessions;

/// <summary>
/// This node's copy of every unexpired session that has southbound credentials, read by the gateway's zosmf scheme
/// and by logout without an actor round trip. Only the session log's replica writes it.
/// </summary>
internal sealed class SessionStore : IReplicaStore<SessionRecord>
{
    private readonly ConcurrentDictionary<Guid, SessionRecord> sessions = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>False until every node's session journal has been read since the node started.</summary>
    public bool IsReady => ready.Task.IsCompleted;

    public Task WhenReady => ready.Task;

    public int Count => sessions.Count;

    public SessionRecord? Find(Guid sessionId) => sessions.TryGetValue(sessionId, out var record) ? record : null;

    public void Apply(SessionRecord entry) =>
        sessions.AddOrUpdate(entry.SessionId, entry, (_, existing) => SessionLog.Instance.Merge(existing, entry));

    public void MarkReady() => ready.TrySetResult();

    public int Prune(long cutoff)
    {
        var removed = 0;
        foreach (var (id, record) in sessions)
        {
            if (record.ExpiresAt < cutoff && sessions.TryRemove(KeyValuePair.Create(id, record)))
            {
                removed++;
            }
        }

        return removed;
    }
}
