using Akka.Actor;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.AccessTokens;

/// <summary>The PAT rule log: durable first, on every node before the answer, the later timestamp wins wherever it was written.</summary>
public sealed class RuleStoreTests
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(40);
    private readonly ManualClock clock = new();

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static Task<object> AddAsync(AuthTestCluster.Member member, RuleKind kind, string subject, long timestamp) =>
        member.Actors.Rules.Ask<object>(new Append<RuleEntry>(new RuleEntry(kind, subject, timestamp)), Ask);

    [Fact]
    public async Task AddRule_AtAnyNode_EveryNodeAppliesItBeforeTheAnswer()
    {
        await using var cluster = await AuthTestCluster.StartAsync(3, clock);
        await Task.WhenAll(cluster.Members.Select(m => m.WhenReady(Ask)));

        for (var i = 0; i < 10; i++)
        {
            var user = $"USER{i}";
            var answer = Assert.IsType<Appended>(await AddAsync(cluster.Members[i % 3], RuleKind.User, user, Now));

            Assert.Empty(answer.Unconfirmed);
            Assert.All(cluster.Members, m => Assert.True(m.Stores.Rules.Revokes(user, ["svc"], Now)));
        }
    }

    [Fact]
    public async Task Rules_UserAndScope_RevokeOnlyTokensIssuedAtOrBeforeTheTimestamp()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);
        var member = cluster.Members[0];
        await AddAsync(member, RuleKind.User, "ALICE", Now);
        await AddAsync(member, RuleKind.Scope, "jwtsvc", Now);

        Assert.True(member.Stores.Rules.Revokes("alice", ["other"], Now), "user ids compare case-insensitively");
        Assert.False(member.Stores.Rules.Revokes("alice", ["other"], Now + 1), "issued after the rule");
        Assert.True(member.Stores.Rules.Revokes("bob", ["other", "jwtsvc"], Now), "any scope matching");
        Assert.False(member.Stores.Rules.Revokes("bob", ["other"], Now));
    }

    [Fact]
    public async Task AddRule_OlderTimestampAtAnotherNodeAfterNewer_EveryNodeKeepsTheLaterOne()
    {
        var cluster = await AuthTestCluster.StartAsync(2, clock);
        cluster.KeepDatabase = true;
        await AddAsync(cluster.Members[0], RuleKind.User, "ALICE", 2_000);
        await AddAsync(cluster.Members[1], RuleKind.User, "ALICE", 1_000);

        Assert.All(cluster.Members, m => Assert.Equal(2_000, m.Stores.Rules.TimestampOf(RuleKind.User, "alice")));

        // The two writers' journals hold both; a cold start reads both and still keeps the later one.
        await cluster.DisposeAsync();
        await using var restarted = await AuthTestCluster.StartAsync(2, clock, database: cluster.Database);
        await Task.WhenAll(restarted.Members.Select(m => m.WhenReady(Ask)));
        Assert.All(restarted.Members, m => Assert.Equal(2_000, m.Stores.Rules.TimestampOf(RuleKind.User, "alice")));
    }

    [Fact]
    public async Task ColdRestart_AfterSnapshots_RecoversEveryRule()
    {
        var settings = new ReplicationSettings { SnapshotEvery = 3 };
        var cluster = await AuthTestCluster.StartAsync(1, clock, settings);
        cluster.KeepDatabase = true;
        var users = Enumerable.Range(0, 40).Select(i => $"U{i}").ToList();
        foreach (var user in users)
        {
            await AddAsync(cluster.Members[0], RuleKind.User, user, Now);
        }

        await cluster.DisposeAsync();
        await using var restarted = await AuthTestCluster.StartAsync(1, clock, settings, database: cluster.Database);
        await restarted.Members[0].WhenReady(Ask);

        Assert.All(users, u => Assert.Equal(Now, restarted.Members[0].Stores.Rules.TimestampOf(RuleKind.User, u)));
    }

    [Fact]
    public async Task Evict_RulesOlderThan90Days_AreGoneDurablyOthersStay()
    {
        var cluster = await AuthTestCluster.StartAsync(1, clock);
        cluster.KeepDatabase = true;
        var member = cluster.Members[0];
        await AddAsync(member, RuleKind.User, "OLD", Now);
        clock.Advance(TimeSpan.FromDays(91));
        await AddAsync(member, RuleKind.User, "RECENT", Now);

        var removed = member.Stores.Rules.Prune(RuleLog.Instance.Cutoff(clock.GetUtcNow(), new ReplicationSettings()));
        Assert.IsType<Pruned>(await member.Actors.Rules.Ask<object>(PruneNow.Instance, Ask));
        Assert.Equal(1, removed);

        // A restarted replica reads the prune's snapshot, not the event that still holds the old rule.
        await cluster.DisposeAsync();
        await using var restarted = await AuthTestCluster.StartAsync(1, new ManualClock(), database: cluster.Database);
        await restarted.Members[0].WhenReady(Ask);
        Assert.Null(restarted.Members[0].Stores.Rules.TimestampOf(RuleKind.User, "OLD"));
        Assert.NotNull(restarted.Members[0].Stores.Rules.TimestampOf(RuleKind.User, "RECENT"));
    }
}
