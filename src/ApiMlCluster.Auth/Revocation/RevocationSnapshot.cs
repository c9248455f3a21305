using System.Collections.Concurrent;
using ApiMlCluster.Auth.Replication;

namespace ApiMlCluster.Auth.Revocation;

/// <summary>
/// This node's copy of every revoked, unexpired token id: what the hot path reads on every request, without an
/// actor round trip. Only the revocation log's replica writes it. A concurrent dictionary rather than an
/// immutable snapshot because the set is large (up to millions) and changes one entry at a time: reads stay
/// lock-free and O(1), and an insert does not copy the set.
/// </summary>
internal sealed class RevocationSnapshot : IReplicaStore<RevokedToken>
{
    private readonly ConcurrentDictionary<Guid, long> expiryById = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>False until every node's revocation journal has been read since the node started: until then no token can be trusted.</summary>
    public bool IsReady => ready.Task.IsCompleted;

    public Task WhenReady => ready.Task;

    public int Count => expiryById.Count;

    public bool IsRevoked(Guid tokenId) => expiryById.ContainsKey(tokenId);

    public void Apply(RevokedToken entry) => expiryById[entry.TokenId] = entry.ExpiresAt;

    public void MarkReady() => ready.TrySetResult();

    /// <summary>Drops entries that expired before <paramref name="cutoff"/> (Unix seconds); returns how many.</summary>
    public int Prune(long cutoff)
    {
        var removed = 0;
        foreach (var (id, expiresAt) in expiryById)
        {
            if (expiresAt < cutoff && expiryById.TryRemove(id, out _))
            {
                removed++;
            }
        }

        return removed;
    }
}
