using ApiMlCluster.Node.Cluster.Membership;

namespace ApiMlCluster.Node.Tests.Cluster;

public sealed class MembershipSnapshotTests
{
    [Theory]
    [InlineData("Up:r", true)]
    [InlineData("Up:r Up:r Up:u", true)]
    [InlineData("Up:r Up:u Up:u", false)]
    [InlineData("Up:r Up:u", false)]
    [InlineData("Up:r Up:r Up:u Up:u", false)]
    [InlineData("Up:r Down:u Down:u", true)]
    [InlineData("Up:r Up:r Exiting:u Leaving:u", true)]
    [InlineData("", false)]
    public void ReachesMajorityOf_CountsServingMembersOnly(string members, bool expected)
    {
        var snapshot = new MembershipSnapshot(null, [.. Views(members)], []);

        Assert.Equal(expected, snapshot.ReachesMajorityOf(1));
    }

    [Theory]
    [InlineData("Up:r", 3, false)]
    [InlineData("Up:r Down:u Down:u", 3, false)]
    [InlineData("Up:r Up:r", 3, true)]
    [InlineData("Up:r Up:r Down:u", 3, true)]
    [InlineData("Up:r Up:r Up:r Up:u", 3, true)]
    [InlineData("Up:r", 1, true)]
    public void ReachesMajorityOf_ANodeLeftAloneByItsResolver_IsNoMajorityOfAThreeInstanceCluster(string members, int configured, bool expected)
    {
        var snapshot = new MembershipSnapshot(null, [.. Views(members)], []);

        Assert.Equal(expected, snapshot.ReachesMajorityOf(configured));
    }

    private static IEnumerable<MemberView> Views(string members) =>
        members.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((m, i) =>
        {
            var parts = m.Split(':');
            return new MemberView($"akka.tcp://apiml@127.0.0.1:{7560 + i}", $"lpar{i}", parts[0], parts[1] == "r", []);
        });
}
