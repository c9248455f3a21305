using ApiMlCluster.Core.Cluster;

namespace ApiMlCluster.Node.Cluster.Membership;

/// <summary>
/// The latest <see cref="MembershipSnapshot"/>, published by <see cref="MembershipMonitor"/> and read by
/// HTTP handlers on any thread; swapping one reference keeps readers lock-free.
/// </summary>
public sealed class MembershipView(int configuredInstances = 1) : IMajorityReach
{
    private volatile MembershipSnapshot current = MembershipSnapshot.Empty;

    public MembershipSnapshot Current => current;

    /// <summary>Whether this node may acknowledge writes: it reaches a majority of the cluster as zowe.yaml defines it.</summary>
    public bool ReachesMajority => current.ReachesMajorityOf(configuredInstances);

    internal void Publish(MembershipSnapshot snapshot) => current = snapshot;
}
