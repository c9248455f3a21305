using Akka.Actor;

namespace ApiMlCluster.Core.Tests.Homing;

public sealed class HomedEntitiesTests
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(10);
    private static readonly string[] Ids = [.. Enumerable.Range(0, 24).Select(i => $"entity-{i}")];

    [Fact]
    public async Task AnEntity_AskedAtEveryNode_IsOneIncarnationAtOneNode_AndTheEntitiesSpreadOverTheNodes()
    {
        await using var cluster = await HomingTestCluster.StartAsync(size: 3, capacity: 3);

        var answers = await AskEverywhereAsync(cluster.Members.Select(m => m.Host), Ids);

        foreach (var id in Ids)
        {
            Assert.Single(answers.Where(a => a.Id == id).Select(a => (a.Node, a.Incarnation)).Distinct());
        }

        Assert.Equal(3, answers.Select(a => a.Node).Distinct().Count());
    }

    [Fact]
    public async Task ACrashedMembersEntities_AreServedByTheSurvivors_WhileItIsStillUnreachableAndNotRemoved()
    {
        await using var cluster = await HomingTestCluster.StartAsync(size: 3, capacity: 3);
        var before = await AskEverywhereAsync([cluster.Members[0].Host], Ids);
        var dead = HomingTestCluster.Node(cluster.Members[2].System);

        await cluster.KillAsync(2);
        var after = await AskEverywhereAsync(cluster.Members.Take(2).Select(m => m.Host), Ids);

        Assert.Contains(before, a => a.Node == dead);
        Assert.DoesNotContain(after, a => a.Node == dead);
        foreach (var id in Ids)
        {
            Assert.Single(after.Where(a => a.Id == id).Select(a => a.Incarnation).Distinct());
        }

        // Only the dead member's entities moved.
        Assert.All(before.Where(a => a.Node != dead), a => Assert.Contains(after, b => b.Id == a.Id && b.Incarnation == a.Incarnation));
    }

    [Fact]
    public async Task AJoiningMember_TakesOverTheEntitiesItNowOwns_AndTheOldIncarnationsStop()
    {
        await using var cluster = await HomingTestCluster.StartAsync(size: 2, capacity: 3);
        var before = await AskEverywhereAsync([cluster.Members[0].Host], Ids);

        var joined = await cluster.JoinAsync();
        var after = await AskEverywhereAsync(cluster.Members.Select(m => m.Host), Ids);

        var node = HomingTestCluster.Node(joined.System);
        var moved = after.Where(a => a.Node == node).Select(a => a.Id).Distinct().ToList();
        Assert.NotEmpty(moved);
        foreach (var id in Ids)
        {
            Assert.Single(after.Where(a => a.Id == id).Select(a => a.Incarnation).Distinct());
        }

        // A moved entity's old incarnation is gone from the host that had it, not left running beside the new one.
        var oldHost = cluster.Members.First(m => HomingTestCluster.Node(m.System) == before.First(a => a.Id == moved[0]).Node).System;
        var oldEntity = await oldHost.ActorSelection($"/user/echoes/{moved[0]}").ResolveOne(Ask).ContinueWith(t => t.IsFaulted ? null : t.Result);
        Assert.Null(oldEntity);
    }

    private static async Task<List<Here>> AskEverywhereAsync(IEnumerable<IActorRef> hosts, IEnumerable<string> ids) =>
        [.. await Task.WhenAll(hosts.SelectMany(host => ids.Select(id => host.Ask<Here>(new Where(id), Ask))))];
}
