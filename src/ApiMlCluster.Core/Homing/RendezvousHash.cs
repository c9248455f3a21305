using System.Text;
using Akka.Actor;

namespace ApiMlCluster.Core.Homing;

/// <summary>
/// Highest-random-weight hashing: an entity belongs to the candidate with the highest score for it. Every node
/// computes the same owner from the same member list, and removing a member moves only the entities it owned.
/// </summary>
public static class RendezvousHash
{
    public static Address? Owner(string entityId, IReadOnlyList<Address> candidates)
    {
        Address? best = null;
        ulong bestScore = 0;
        foreach (var candidate in candidates)
        {
            var score = Score(entityId, candidate);
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(candidate.ToString(), best.ToString()) > 0))
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>FNV-1a over "id|address" with a 64-bit finalizer; stable across processes, unlike string.GetHashCode.</summary>
    internal static ulong Score(string entityId, Address candidate)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{entityId}|{candidate}"))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash;
    }
}
