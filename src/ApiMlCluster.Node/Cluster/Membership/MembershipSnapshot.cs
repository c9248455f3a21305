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
    /// Whether this node reaches more than half of the cluster (itself included): the side the split-brain resolver
    /// keeps. The cluster's size is the larger of its serving members (downed or leaving ones no longer count) and
    /// <paramref name="configuredInstances"/>, the haInstances of zowe.yaml. Counting the configured instances keeps
    /// a node that the resolver left alone after a wrong early decision (it downed peers it lost sight of first, while
    /// it still saw another; seen under CPU starvation) from taking itself for a majority of one.
    /// </summary>
    public bool ReachesMajorityOf(int configuredInstances)
    {
        var serving = 0;
        var reachable = 0;
        foreach (var member in Members)
        {
            if (member.Status is "Up" or "WeaklyUp" or "Joining" or "Leaving")
            {
                serving++;
                reachable += member.Reachable ? 1 : 0;
            }
        }

        return serving > 0 && reachable * 2 > Math.Max(serving, configuredInstances);
    }
}

public sealed record MemberView(string Address, string? HaInstance, string Status, bool Reachable, ImmutableSortedSet<string> Roles);

public sealed record RemovedMember(string Address, string? HaInstance, string PreviousStatus, DateTimeOffset RemovedAt);
