using ApiMlCluster.Core.Cluster;

namespace ApiMlCluster.Node.Cluster.Membership;

/// <summary>
/// The latest <see cref="MembershipSnapshot"/>, published by <see cref="MembershipMonitor"/> and read by
/// HTTP handlers on any thread; swapping one reference keeps readers lock-free.
/// </summary>
public sealed class MembershipView(int configuredInstances = 1) : IMajorityReach
{
    private volatile MembershipSnapshot current = MembershipSnapshot.Empty;

    // Every token check asks this, so it is decided once per membership change, not per request.
    private volatile bool reachesMajority;

    public MembershipSnapshot Current => current;

    /// <summary>Whether this node may acknowledge writes: it reaches a majority of the cluster as zowe.yaml defines it.</summary>
    public bool ReachesMajority => reachesMajority;

    internal void Publish(MembershipSnapshot snapshot)
    {
        reachesMajority = snapshot.ReachesMajorityOf(configuredInstances);
        current = snapshot;
    }
}
