using Akka.Actor;
using ApiMlCluster.Core.Homing;

namespace ApiMlCluster.Core.Tests.Homing;

public sealed class RendezvousHashTests
{
    private static readonly Address A = new("akka.tcp", "apiml", "lpar1", 7600);
    private static readonly Address B = new("akka.tcp", "apiml", "lpar2", 7600);
    private static readonly Address C = new("akka.tcp", "apiml", "lpar3", 7600);
    private static readonly string[] Ids = [.. Enumerable.Range(0, 3000).Select(i => $"ns-{i}")];

    [Fact]
    public void Owner_DoesNotDependOnTheOrderOfTheCandidates()
    {
        Assert.All(Ids, id => Assert.Equal(RendezvousHash.Owner(id, [A, B, C]), RendezvousHash.Owner(id, [C, A, B])));
    }

    [Fact]
    public void Owner_WhenAMemberGoes_MovesOnlyItsEntities()
    {
        var moved = Ids.Where(id => RendezvousHash.Owner(id, [A, B, C]) != RendezvousHash.Owner(id, [A, B])).ToList();

        Assert.All(moved, id => Assert.Equal(C, RendezvousHash.Owner(id, [A, B, C])));
        Assert.Equal(Ids.Count(id => RendezvousHash.Owner(id, [A, B, C]) == C), moved.Count);
    }

    [Fact]
    public void Owner_SpreadsEntitiesEvenlyOverTheCandidates()
    {
        var counts = Ids.GroupBy(id => RendezvousHash.Owner(id, [A, B, C])).Select(g => g.Count()).ToList();

        Assert.Equal(3, counts.Count);
        Assert.All(counts, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void Owner_OfNoCandidates_IsNull()
    {
        Assert.Null(RendezvousHash.Owner("ns-1", []));
    }
}
