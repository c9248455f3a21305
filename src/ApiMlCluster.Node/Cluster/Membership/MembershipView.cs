namespace ApiMlCluster.Node.Cluster.Membership;

/// <summary>
/// The latest <see cref="MembershipSnapshot"/>, published by <see cref="MembershipMonitor"/> and read by
/// HTTP handlers on any thread; swapping one reference keeps readers lock-free.
/// </summary>
public sealed class MembershipView
{
    private volatile MembershipSnapshot current = MembershipSnapshot.Empty;

    public MembershipSnapshot Current => current;

    internal void Publish(MembershipSnapshot snapshot) => current = snapshot;
}
