using ApiMlCluster.Chaos.Cluster;

namespace ApiMlCluster.Chaos.Tests;

public sealed class PartitionTests
{
    [Fact]
    public void Cuts_IsolatedNode_CutsLinksIntoAndOutOfItOnly()
    {
        var partition = new Partition();
        partition.Isolate(3);

        Assert.True(partition.Cuts(3, 1));
        Assert.True(partition.Cuts(1, 3));
        Assert.True(partition.Cuts(3, null));
        Assert.False(partition.Cuts(1, 2));
        Assert.False(partition.Cuts(2, null));
    }

    [Fact]
    public void Heal_CutsNothing()
    {
        var partition = new Partition();
        partition.Isolate(2);
        partition.Heal();

        Assert.False(partition.Cuts(2, 1));
        Assert.Null(partition.Isolated);
    }
}
