using System.Collections.Concurrent;
using ApiMlCluster.Auth.Replication;

namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>
/// This node's copy of every PAT revocation rule, read on each PAT use without an actor round trip. Only
/// the rule log's replica writes it; a rule is replaced only by a later timestamp, so applying the same rule twice,
/// or an older copy after a newer one, changes nothing.
/// </summary>
internal sealed class RuleSnapshot : IReplicaStore<RuleEntry>
{
    private readonly ConcurrentDictionary<string, long> users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> scopes = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>False until every node's rule journal has been read since the node started: until then no PAT can be judged.</summary>
    public bool IsReady => ready.Task.IsCompleted;

    public Task WhenReady => ready.Task;

    public int Count => users.Count + scopes.Count;

    /// <summary>Whether a rule revokes a PAT of <paramref name="userId"/> with <paramref name="tokenScopes"/> issued at <paramref name="issuedAtMs"/>.</summary>
    public bool Revokes(string userId, IReadOnlyList<string> tokenScopes, long issuedAtMs)
    {
        if (!users.IsEmpty && users.TryGetValue(RuleSettings.Normalize(RuleKind.User, userId), out var userRule) && issuedAtMs <= userRule)
        {
            return true;
        }

        if (!scopes.IsEmpty)
        {
            foreach (var scope in tokenScopes)
            {
                if (scopes.TryGetValue(scope, out var scopeRule) && issuedAtMs <= scopeRule)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The timestamp in effect for a subject, or null; for tests and diagnostics.</summary>
    public long? TimestampOf(RuleKind kind, string subject) =>
        MapOf(kind).TryGetValue(RuleSettings.Normalize(kind, subject), out var timestamp) ? timestamp : null;

    public void Apply(RuleEntry rule) =>
        MapOf(rule.Kind).AddOrUpdate(rule.Subject, rule.Timestamp, (_, existing) => Math.Max(existing, rule.Timestamp));

    public void MarkReady() => ready.TrySetResult();

    /// <summary>Drops rules older than <paramref name="cutoff"/> (Unix ms); returns how many.</summary>
    public int Prune(long cutoff)
    {
        var removed = 0;
        foreach (var map in new[] { users, scopes })
        {
            foreach (var (subject, timestamp) in map)
            {
                if (timestamp < cutoff && map.TryRemove(KeyValuePair.Create(subject, timestamp)))
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    private ConcurrentDictionary<string, long> MapOf(RuleKind kind) => kind == RuleKind.User ? users : scopes;
}
