namespace ApiMlCluster.Core.Cluster;

/// <summary>
/// Whether this node reaches a majority of the cluster's haInstances right now. A node that does not may have missed
/// writes the majority acknowledged (logouts, PAT revocations), so it neither acknowledges writes nor judges tokens.
/// </summary>
public interface IMajorityReach
{
    bool ReachesMajority { get; }
}

/// <summary>For contexts run without a cluster (unit tests): always a majority.</summary>
public sealed class AlwaysMajority : IMajorityReach
{
    public static readonly AlwaysMajority Instance = new();

    public bool ReachesMajority => true;
}
