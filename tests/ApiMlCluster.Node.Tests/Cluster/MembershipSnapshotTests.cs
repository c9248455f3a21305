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
    public void HasReachableMajority_CountsServingMembersOnly(string members, bool expected)
    {
        var views = members.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((m, i) =>
        {
            var parts = m.Split(':');
            return new MemberView($"akka.tcp://apiml@127.0.0.1:{7560 + i}", $"lpar{i}", parts[0], parts[1] == "r", []);
        });

        var snapshot = new MembershipSnapshot(null, [.. views], []);

        Assert.Equal(expected, snapshot.HasReachableMajority);
    }
}
