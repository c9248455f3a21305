using System.Collections.Immutable;

namespace ApiMlCluster.Node.Cluster.Membership;

/// <summary>What this node knows about the cluster's members, as an immutable value read without actors.</summary>
public sealed record MembershipSnapshot(
    string? Leader,
    ImmutableList<MemberView> Members,
    ImmutableList<RemovedMember> RecentlyRemoved)
{
    public static readonly MembershipSnapshot Empty = new(null, [], []);
}

public sealed record MemberView(string Address, string? HaInstance, string Status, bool Reachable, ImmutableSortedSet<string> Roles);

public sealed record RemovedMember(string Address, string? HaInstance, string PreviousStatus, DateTimeOffset RemovedAt);
