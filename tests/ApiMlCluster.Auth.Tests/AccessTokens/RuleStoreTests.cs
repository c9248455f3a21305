using Akka.Actor;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.AccessTokens;

/// <summary>The PAT rule buckets and the per-node rule replicas: durable first, on every node before the answer, the later timestamp wins.</summary>
public sealed class RuleStoreTests
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(40);
    private readonly ManualClock clock = new();

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task AddRule_AnsweredRecorded_EveryNodeSnapshotAlreadyAppliesIt()
    {
        await using var cluster = await AuthTestCluster.StartAsync(3, clock);
        await Task.WhenAll(cluster.Members.Select(m => m.Rules.WhenReady.WaitAsync(Ask)));

        for (var i = 0; i < 10; i++)
        {
            var user = $"USER{i}";
            var recorded = await cluster.Members[i % 3].Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.User, user, Now)), Ask);

            Assert.Empty(recorded.Unconfirmed);
            Assert.All(cluster.Members, m => Assert.True(m.Rules.Revokes(user, ["svc"], Now)));
        }
    }

    [Fact]
    public async Task Rules_UserAndScope_RevokeOnlyTokensIssuedAtOrBeforeTheTimestamp()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);
        var member = cluster.Members[0];
        await member.Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.User, "ALICE", Now)), Ask);
        await member.Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.Scope, "jwtsvc", Now)), Ask);

        Assert.True(member.Rules.Revokes("alice", ["other"], Now), "user ids compare case-insensitively");
        Assert.False(member.Rules.Revokes("alice", ["other"], Now + 1), "issued after the rule");
        Assert.True(member.Rules.Revokes("bob", ["other", "jwtsvc"], Now), "any scope matching");
        Assert.False(member.Rules.Revokes("bob", ["other"], Now));
    }

    [Fact]
    public async Task AddRule_OlderTimestampAfterNewer_KeepsTheLaterOne()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);
        var member = cluster.Members[0];
        await member.Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.User, "ALICE", 2_000)), Ask);

        var older = await member.Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.User, "ALICE", 1_000)), Ask);
        var newer = await member.Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.User, "ALICE", 3_000)), Ask);

        Assert.Equal(2_000, older.Rule.Timestamp);
        Assert.Equal(3_000, newer.Rule.Timestamp);
        Assert.Equal(3_000, member.Rules.TimestampOf(RuleKind.User, "alice"));
    }

    [Fact]
    public async Task Replica_StartedAfterRules_LoadsThemFromEveryBucket()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);
        var member = cluster.Members[0];
        var scopes = Enumerable.Range(0, 100).Select(i => $"svc{i}").ToList();
        foreach (var scope in scopes)
        {
            await member.Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.Scope, scope, Now)), Ask);
        }

        var fresh = new RuleSnapshot();
        Assert.False(fresh.IsReady);
        member.System.ActorOf(RuleReplica.Props(fresh, member.Actors.RuleBuckets, new RevocationSettings(), clock), "second-rule-replica");
        await fresh.WhenReady.WaitAsync(Ask);

        Assert.Equal(100, fresh.Count);
        Assert.All(scopes, s => Assert.Equal(Now, fresh.TimestampOf(RuleKind.Scope, s)));
    }

    [Fact]
    public async Task Bucket_RestartedAfterSnapshot_RecoversEveryRule()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock, new RevocationSettings { SnapshotEvery = 3 });
        var member = cluster.Members[0];
        var users = Enumerable.Range(0, 40).Select(i => $"U{i}").ToList();
        foreach (var user in users)
        {
            await member.Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.User, user, Now)), Ask);
        }

        member.System.ActorSelection($"/system/sharding/{RuleShards.TypeName}/*/*").Tell(PoisonPill.Instance);
        await Task.Delay(500);

        var fresh = new RuleSnapshot();
        member.System.ActorOf(RuleReplica.Props(fresh, member.Actors.RuleBuckets, new RevocationSettings(), clock), "after-restart");
        await fresh.WhenReady.WaitAsync(Ask);
        Assert.All(users, u => Assert.Equal(Now, fresh.TimestampOf(RuleKind.User, u)));
    }

    [Fact]
    public async Task Evict_RulesOlderThan90Days_AreGoneDurablyOthersStay()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);
        var member = cluster.Members[0];
        var old = Now;
        await member.Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.User, "OLD", old)), Ask);
        clock.Advance(TimeSpan.FromDays(91));
        await member.Actors.RuleBuckets.Ask<RuleRecorded>(new AddRule(new RuleEntry(RuleKind.User, "RECENT", Now)), Ask);

        var cutoff = (clock.GetUtcNow() - RuleSettings.MaxAge).ToUnixTimeMilliseconds();
        var evicted = await Task.WhenAll(Enumerable.Range(0, RuleSettings.Buckets)
            .Select(b => member.Actors.RuleBuckets.Ask<RulesEvicted>(new EvictRules(b, cutoff), Ask)));
        Assert.Equal(1, evicted.Sum(e => e.Removed));

        // Restarted buckets recover from the eviction's snapshot, not from the journal that still holds the old rule.
        member.System.ActorSelection($"/system/sharding/{RuleShards.TypeName}/*/*").Tell(PoisonPill.Instance);
        await Task.Delay(500);
        var fresh = new RuleSnapshot();
        member.System.ActorOf(RuleReplica.Props(fresh, member.Actors.RuleBuckets, new RevocationSettings(), clock), "after-evict");
        await fresh.WhenReady.WaitAsync(Ask);
        Assert.Null(fresh.TimestampOf(RuleKind.User, "OLD"));
        Assert.NotNull(fresh.TimestampOf(RuleKind.User, "RECENT"));
    }
}
