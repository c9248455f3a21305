using Akka.Actor;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Revocation;

/// <summary>The revocation log: per-node writers, confirmed on every node before the answer, read back from every journal.</summary>
public sealed class RevocationTests
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(15);
    private readonly ManualClock clock = new();

    private long InOneHour => clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();

    private static Task<object> RevokeAsync(AuthTestCluster.Member member, Guid token, long expiresAt) =>
        member.Actors.Revocations.Ask<object>(new Append<RevokedToken>(new RevokedToken(token, expiresAt)), Ask);

    [Fact]
    public async Task Revoke_AtAnyNode_AnsweredOnlyOnceEveryNodeRejectsTheToken()
    {
        await using var cluster = await AuthTestCluster.StartAsync(3, clock);
        await Task.WhenAll(cluster.Members.Select(m => m.WhenReady(Ask)));

        for (var i = 0; i < 20; i++)
        {
            var token = Guid.NewGuid();
            var answer = Assert.IsType<Appended>(await RevokeAsync(cluster.Members[i % 3], token, InOneHour));

            Assert.False(answer.AlreadyPresent);
            Assert.Empty(answer.Unconfirmed);
            Assert.All(cluster.Members, m => Assert.True(m.Stores.Revocations.IsRevoked(token)));
        }
    }

    [Fact]
    public async Task Revoke_AtANodeLeftAloneOfThreeHaInstances_IsAnsweredAsFailedNotAcknowledged()
    {
        // What a node cut off from the others does before it notices: nobody else can apply its write, so its
        // client must not be told the token is refused everywhere (found by the chaos suite at a partitioned node).
        await using var cluster = await AuthTestCluster.StartAsync(3, clock, new ReplicationSettings { ConfirmTimeout = TimeSpan.FromMilliseconds(500) });
        Assert.IsType<Appended>(await RevokeAsync(cluster.Members[0], Guid.NewGuid(), InOneHour));
        var alone = Akka.Cluster.Cluster.Get(cluster.Members[0].System);
        await Task.WhenAll(cluster.Members.Skip(1).Select(m => m.System.Terminate()));
        for (var i = 0; i < 300 && alone.State.Members.Count > 1; i++)
        {
            await Task.Delay(100);
        }

        var answer = await RevokeAsync(cluster.Members[0], Guid.NewGuid(), InOneHour);

        Assert.Single(alone.State.Members);
        Assert.Contains("1 of the 2", Assert.IsType<AppendFailed>(answer).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_AtTwoOfThreeHaInstances_IsAcknowledged()
    {
        await using var cluster = await AuthTestCluster.StartAsync(2, clock, instances: ["n0", "n1", "n2"]);

        var answer = await RevokeAsync(cluster.Members[1], Guid.NewGuid(), InOneHour);

        Assert.Empty(Assert.IsType<Appended>(answer).Unconfirmed);
    }

    [Fact]
    public async Task NodeStarting_RevocationAfterItsFirstReadButBeforeItJoined_IsKnownOnceItIsReady()
    {
        // The restart gap found by the chaos suite: a restarted node read every journal, then a survivor revoked a
        // token without broadcasting to it (not a member yet), and the node served that token for up to 10 s.
        await using var cluster = await AuthTestCluster.StartAsync(2, clock, instances: ["n0", "n1", "n2"]);
        var starting = cluster.CreateUnjoinedSystem("akka.loglevel = INFO");
        var events = new Akka.TestKit.TestProbe(starting, new Akka.TestKit.Xunit2.XunitAssertions());
        starting.EventStream.Subscribe(events.Ref, typeof(Akka.Event.Info));
        var member = cluster.StartActors(starting, "n2");
        events.FishForMessage<Akka.Event.Info>(i => i.Message.ToString()!.StartsWith("revocations: read", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var token = Guid.NewGuid();

        var answer = Assert.IsType<Appended>(await RevokeAsync(cluster.Members[0], token, InOneHour));
        Assert.False(member.Stores.Revocations.WhenReady.IsCompleted);
        Akka.Cluster.Cluster.Get(starting).Join(cluster.SeedAddress);
        await member.WhenReady(Ask);

        Assert.Empty(answer.Unconfirmed);
        Assert.True(member.Stores.Revocations.IsRevoked(token));
    }

    [Fact]
    public async Task Revoke_SameTokenTwiceAtOneNode_SecondIsAlreadyPresent()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);
        var token = Guid.NewGuid();

        await RevokeAsync(cluster.Members[0], token, InOneHour);
        var second = Assert.IsType<Appended>(await RevokeAsync(cluster.Members[0], token, InOneHour));

        Assert.True(second.AlreadyPresent);
    }

    [Fact]
    public async Task Revoke_ManyConcurrentAtOneNode_EveryOneIsAcknowledgedAndDurable()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);
        cluster.KeepDatabase = true;
        var member = cluster.Members[0];
        var tokens = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid()).ToList();

        var answers = await Task.WhenAll(tokens.Select(t => RevokeAsync(member, t, InOneHour)));

        Assert.All(answers, a => Assert.IsType<Appended>(a));
        await cluster.DisposeAsync();
        await using var again = await AuthTestCluster.StartAsync(1, clock, database: cluster.Database);
        await again.Members[0].WhenReady(Ask);
        Assert.Equal(tokens.Count, again.Members[0].Stores.Revocations.Count);
    }

    [Fact]
    public async Task Snapshot_WithNoRevocations_BecomesReadyAfterReadingEveryJournal()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);

        await cluster.Members[0].WhenReady(Ask);

        Assert.Equal(0, cluster.Members[0].Stores.Revocations.Count);
    }

    [Fact]
    public async Task Replica_StartedAfterRevocationsAtEveryNode_LoadsThemFromTheirJournals()
    {
        await using var cluster = await AuthTestCluster.StartAsync(3, clock);
        var tokens = Enumerable.Range(0, 90).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            await RevokeAsync(cluster.Members[i % 3], tokens[i], InOneHour);
        }

        var fresh = new RevocationSnapshot();
        cluster.Members[0].System.ActorOf(
            LogReplica<RevokedToken, Guid>.Props(RevocationLog.Instance, fresh, ["n0", "n1", "n2"], new ReplicationSettings(), clock), "second-replica");
        await fresh.WhenReady.WaitAsync(Ask);

        Assert.All(tokens, t => Assert.True(fresh.IsRevoked(t)));
    }

    [Fact]
    public async Task ColdRestart_AfterSnapshotsAndDeletedEvents_StillRejectsEveryRevokedToken()
    {
        var settings = new ReplicationSettings { SnapshotEvery = 5 };
        var cluster = await AuthTestCluster.StartAsync(3, clock, settings);
        cluster.KeepDatabase = true;
        var tokens = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            await RevokeAsync(cluster.Members[i % 3], tokens[i], InOneHour);
        }

        await cluster.DisposeAsync();
        await using var restarted = await AuthTestCluster.StartAsync(3, clock, settings, database: cluster.Database);
        await Task.WhenAll(restarted.Members.Select(m => m.WhenReady(Ask)));

        Assert.All(restarted.Members, m => Assert.All(tokens, t => Assert.True(m.Stores.Revocations.IsRevoked(t))));
    }

    [Fact]
    public async Task Tail_ARevocationNoBroadcastReached_IsReadFromTheWritersJournal()
    {
        // n1 is named in zowe.yaml but not running: what it journaled before it died reaches the others by the tail.
        var settings = new ReplicationSettings { TailInterval = TimeSpan.FromMilliseconds(200) };
        await using var writer = await AuthTestCluster.StartAsync(1, clock, settings);
        writer.KeepDatabase = true;
        await using var reader = await AuthTestCluster.StartAsync(1, clock, settings, database: writer.Database, instances: ["n0", "n1"]);
        await reader.Members[0].WhenReady(Ask);
        var token = Guid.NewGuid();

        // The writer cluster's n0 writes to the same journal as the reader's n0 would: use a third id instead.
        writer.Members[0].System.ActorOf(
            NodeLogWriter<RevokedToken, Guid>.Props(RevocationLog.Instance, "n1", settings, clock), "n1-writer").Tell(new Append<RevokedToken>(new RevokedToken(token, InOneHour)));

        await Eventually.TrueAsync(() => reader.Members[0].Stores.Revocations.IsRevoked(token), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Prune_AfterExpiryAndMargin_DropsEntriesFromReplicaAndJournal()
    {
        var settings = new ReplicationSettings { PruneInterval = TimeSpan.FromMilliseconds(100), PruneMargin = TimeSpan.FromMinutes(5) };
        var cluster = await AuthTestCluster.StartAsync(1, clock, settings);
        cluster.KeepDatabase = true;
        var member = cluster.Members[0];
        var shortLived = Guid.NewGuid();
        var longLived = Guid.NewGuid();
        await RevokeAsync(member, shortLived, clock.GetUtcNow().AddSeconds(10).ToUnixTimeSeconds());
        await RevokeAsync(member, longLived, InOneHour);

        clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(400);
        Assert.True(member.Stores.Revocations.IsRevoked(shortLived), "kept within the clock-skew margin");

        clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(() => !member.Stores.Revocations.IsRevoked(shortLived), TimeSpan.FromSeconds(10));
        Assert.True(member.Stores.Revocations.IsRevoked(longLived));

        // The writer's prune is durable: a restart (with the clock back, so the replica itself prunes nothing) does not bring it back.
        await Eventually.TrueAsync(async () => (await SnapshotCount(member)) > 0, TimeSpan.FromSeconds(10));
        await cluster.DisposeAsync();
        await using var restarted = await AuthTestCluster.StartAsync(1, new ManualClock(), database: cluster.Database);
        await restarted.Members[0].WhenReady(Ask);
        Assert.False(restarted.Members[0].Stores.Revocations.IsRevoked(shortLived));
        Assert.True(restarted.Members[0].Stores.Revocations.IsRevoked(longLived));
    }

    private static async Task<int> SnapshotCount(AuthTestCluster.Member member)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(member.System).SnapshotStoreFor(null);
        var result = await store.Ask<Akka.Persistence.LoadSnapshotResult>(
            new Akka.Persistence.LoadSnapshot(RevocationLog.Instance.PersistenceIdOf("n0"), Akka.Persistence.SnapshotSelectionCriteria.Latest, long.MaxValue), Ask);
        return result.Snapshot is null ? 0 : 1;
    }
}
