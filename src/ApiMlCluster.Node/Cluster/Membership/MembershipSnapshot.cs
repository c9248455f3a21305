using System.Collections.Immutable;

namespace ApiMlCluster.Node.Cluster.Membership;

/// <summary>What this node knows about the cluster's members, as an immutable value read without actors.</summary>
public sealed record MembershipSnapshot(
    string? Leader,
    ImmutableList<MemberView> Members,
    ImmutableList<RemovedMember> RecentlyRemoved)
{
    public static readonly MembershipSnapshot Empty = new(null, [], []);

    /// <summary>
    /// Whether this node reaches more than half of the cluster's serving members (itself included), which is the side
    /// the split-brain resolver keeps. Members already downed or leaving the cluster no longer count.
    /// </summary>
    /// <remarks>Computed on read, not stored: a stored value would survive <c>with</c> copies that change <see cref="Members"/>.</remarks>
    public bool HasReachableMajority => ReachesMajority(Members);

    private static bool ReachesMajority(ImmutableList<MemberView> members)
    {
        var serving = 0;
        var reachable = 0;
        foreach (var member in members)
        {
            if (member.Status is "Up" or "WeaklyUp" or "Joining" or "Leaving")
            {
                serving++;
                reachable += member.Reachable ? 1 : 0;
            }
        }

        return serving > 0 && reachable * 2 > serving;
    }
}

public sealed record MemberView(string Address, string? HaInstance, string Status, bool Reachable, ImmutableSortedSet<string> Roles);

public sealed record RemovedMember(string Address, string? HaInstance, string PreviousStatus, DateTimeOffset RemovedAt);
