using Akka.Actor;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.AccessTokens;

/// <summary>
/// A journal that refuses writes: the writers answer that nothing was stored (the endpoints turn it into 503), no node
/// applies the change, and writes work again once the store is back (zowe/api-layer#3917: never a wrong answer).
/// </summary>
public sealed class StoreOutageTests : IDisposable
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(20);
    private readonly ManualClock clock = new();

    public void Dispose() => FailingJournal.Failing = false;

    [Fact]
    public async Task Writes_WhileTheJournalFails_AreRefusedAndNotApplied_ThenWorkAgain()
    {
        var settings = new ReplicationSettings { RestartDelay = TimeSpan.FromMilliseconds(100) };
        await using var cluster = await AuthTestCluster.StartAsync(1, clock, settings, hocon: FailingJournal.Hocon);
        var member = cluster.Members[0];
        await member.WhenReady(Ask);
        var now = clock.GetUtcNow();
        var rule = new Append<RuleEntry>(new RuleEntry(RuleKind.User, "ALICE", now.ToUnixTimeMilliseconds()));
        var revoke = new Append<RevokedToken>(new RevokedToken(Guid.NewGuid(), now.AddHours(1).ToUnixTimeSeconds()));

        FailingJournal.Failing = true;
        Assert.IsType<AppendFailed>(await member.Actors.Rules.Ask<object>(rule, Ask));
        Assert.IsType<AppendFailed>(await member.Actors.Revocations.Ask<object>(revoke, Ask));
        Assert.Null(member.Stores.Rules.TimestampOf(RuleKind.User, "ALICE"));
        Assert.False(member.Stores.Revocations.IsRevoked(revoke.Entry.TokenId));

        FailingJournal.Failing = false;
        // The writer stopped at its failed write and starts again shortly; until then appends are refused at once.
        Assert.IsType<Appended>(await AskUntilAppendedAsync(member.Actors.Rules, rule));
        Assert.IsType<Appended>(await AskUntilAppendedAsync(member.Actors.Revocations, revoke));
        Assert.True(member.Stores.Revocations.IsRevoked(revoke.Entry.TokenId));
        Assert.NotNull(member.Stores.Rules.TimestampOf(RuleKind.User, "ALICE"));
    }

    private static async Task<object> AskUntilAppendedAsync(IActorRef writer, object append)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var answer = await writer.Ask<object>(append, Ask);
            if (answer is Appended || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(50);
        }
    }
}
