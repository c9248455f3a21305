using System.Collections.Concurrent;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>
/// Recent decisions of a remote provider, so a route check is not one HTTP call per request. Bounded: when full,
/// expired entries go first, and if none had expired the whole cache is dropped (cheap, and rare with a short TTL).
/// Only Allowed and Denied are kept; an unavailable provider is asked again next time.
/// </summary>
internal sealed class DecisionCache(TimeProvider clock, TimeSpan ttl, int capacity)
{
    private readonly ConcurrentDictionary<Key, Entry> entries = new();

    public int Count => entries.Count;

    public bool TryGet(string userId, ResourceCheck check, out AuthorizationDecision decision)
    {
        if (entries.TryGetValue(new Key(userId, check), out var entry) && clock.GetUtcNow().UtcTicks < entry.ExpiresAt)
        {
            decision = entry.Decision;
            return true;
        }

        decision = default;
        return false;
    }

    public void Put(string userId, ResourceCheck check, AuthorizationDecision decision)
    {
        if (ttl <= TimeSpan.Zero || decision == AuthorizationDecision.Unavailable)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcTicks;
        if (entries.Count >= capacity)
        {
            foreach (var (key, entry) in entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    entries.TryRemove(key, out _);
                }
            }

            if (entries.Count >= capacity)
            {
                entries.Clear();
            }
        }

        entries[new Key(userId, check)] = new Entry(decision, now + ttl.Ticks);
    }

    private readonly record struct Key(string UserId, ResourceCheck Check);

    private readonly record struct Entry(AuthorizationDecision Decision, long ExpiresAt);
}
