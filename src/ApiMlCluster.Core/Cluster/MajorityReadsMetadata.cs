namespace ApiMlCluster.Core.Cluster;

/// <summary>
/// Endpoint metadata: the endpoint's reads, too, need a majority. A node cut off from the majority homes every
/// single-owner entity on itself and recovers it from the journal as it was, while the majority's incarnation goes on
/// writing: its answers would be stale (the chaos suite read 404 at the minority for a cache entry acknowledged at the
/// majority). The node's write gate refuses such reads like writes while the node does not reach a majority.
/// </summary>
public sealed class MajorityReadsMetadata
{
    public static readonly MajorityReadsMetadata Instance = new();

    private MajorityReadsMetadata()
    {
    }
}
