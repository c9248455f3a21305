using ApiMlCluster.Chaos.Faults;

namespace ApiMlCluster.Chaos.Tests;

public sealed class FaultPlanTests
{
    [Fact]
    public void Create_SameSeed_SamePlan()
    {
        Assert.Equal(FaultPlan.Create(25, 42, partitionPossible: true), FaultPlan.Create(25, 42, partitionPossible: true));
    }

    [Fact]
    public void Create_ThreeFaults_AreOneSigkillOneSigtermAndOnePartition()
    {
        foreach (var seed in Enumerable.Range(0, 20))
        {
            Assert.Equal([FaultKind.Kill, FaultKind.Term, FaultKind.Partition], FaultPlan.Create(3, seed, partitionPossible: true).Select(f => f.Kind).Order());
        }
    }

    [Fact]
    public void Create_FourOrMoreFaults_IncludeAColdRestartAndOnlyValidNodes()
    {
        var plan = FaultPlan.Create(20, 3, partitionPossible: true);

        Assert.Contains(plan, f => f.Kind == FaultKind.ColdRestart);
        Assert.All(plan, f => Assert.InRange(f.Node, 1, 3));
        Assert.All(plan.Where(f => f.Kind == FaultKind.Partition), f => Assert.True(f.Hold >= FaultPlan.PartitionHold));
    }

    [Fact]
    public void Create_PartitionImpossible_PlansNone()
    {
        Assert.DoesNotContain(FaultPlan.Create(30, 5, partitionPossible: false), f => f.Kind == FaultKind.Partition);
    }
}
