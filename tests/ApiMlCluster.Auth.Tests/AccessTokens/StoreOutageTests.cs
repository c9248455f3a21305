using Akka.Actor;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.AccessTokens;

/// <summary>
/// A journal that refuses writes: buckets answer that nothing was stored (the endpoints turn it into 503), no node
/// applies the change, and writes work again once the store is back (zowe/api-layer#3917: never a wrong answer).
/// </summary>
public sealed class StoreOutageTests : IDisposable
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(40);
    private readonly ManualClock clock = new();

    public void Dispose() => FailingJournal.Failing = false;

    /// <summary>
    /// As the endpoints do: a bucket stopped by its failed write may still receive the next message from its shard
    /// before the shard saw it stop, and that message is lost; sent again, it reaches the bucket started anew.
    /// </summary>
    private static async Task<object> AskAgainUntilAnsweredAsync(IActorRef region, object message)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await region.Ask<object>(message, TimeSpan.FromSeconds(5));
            }
            catch (AskTimeoutException) when (attempt < 8)
            {
            }
        }
    }

    [Fact]
    public async Task Writes_WhileTheJournalFails_AreRefusedAndNotApplied_ThenWorkAgain()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock, hocon: FailingJournal.Hocon);
        var member = cluster.Members[0];
        await member.Rules.WhenReady.WaitAsync(Ask);
        await member.Snapshot.WhenReady.WaitAsync(Ask);
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid();

        FailingJournal.Failing = true;
        var rule = await member.Actors.RuleBuckets.Ask<object>(new AddRule(new RuleEntry(RuleKind.User, "ALICE", now.ToUnixTimeMilliseconds())), Ask);
        var revoke = await member.Actors.RevocationBuckets.Ask<object>(new Revoke(token, now.AddHours(1).ToUnixTimeSeconds()), Ask);

        Assert.IsType<RuleStoreFailed>(rule);
        Assert.Equal(RevokeOutcome.StoreFailed, Assert.IsType<RevokeResult>(revoke).Outcome);
        Assert.Null(member.Rules.TimestampOf(RuleKind.User, "ALICE"));
        Assert.False(member.Snapshot.IsRevoked(token));

        FailingJournal.Failing = false;
        Assert.IsType<RuleRecorded>(await AskAgainUntilAnsweredAsync(member.Actors.RuleBuckets, new AddRule(new RuleEntry(RuleKind.User, "ALICE", now.ToUnixTimeMilliseconds()))));
        // AlreadyRevoked when an attempt that timed out was stored after all.
        Assert.Contains(Assert.IsType<RevokeResult>(await AskAgainUntilAnsweredAsync(member.Actors.RevocationBuckets, new Revoke(token, now.AddHours(1).ToUnixTimeSeconds()))).Outcome, new[] { RevokeOutcome.Revoked, RevokeOutcome.AlreadyRevoked });
        Assert.True(member.Snapshot.IsRevoked(token));
    }
}
