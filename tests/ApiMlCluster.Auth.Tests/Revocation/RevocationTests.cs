using Akka.Actor;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Revocation;

public sealed class RevocationTests
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(15);
    private readonly ManualClock clock = new();

    private long InOneHour => clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();

    [Fact]
    public async Task Revoke_AnsweredRevoked_EveryNodeSnapshotAlreadyHasIt()
    {
        await using var cluster = await AuthTestCluster.StartAsync(3, clock);
        await Task.WhenAll(cluster.Members.Select(m => m.Snapshot.WhenReady.WaitAsync(Ask)));

        for (var i = 0; i < 20; i++)
        {
            var token = Guid.NewGuid();
            var result = await cluster.Members[i % 3].Actors.RevocationBuckets.Ask<RevokeResult>(new Revoke(token, InOneHour), Ask);

            Assert.Equal(RevokeOutcome.Revoked, result.Outcome);
            Assert.Empty(result.Unconfirmed);
            Assert.All(cluster.Members, m => Assert.True(m.Snapshot.IsRevoked(token)));
        }
    }

    [Fact]
    public async Task Revoke_SameTokenTwice_SecondIsAlreadyRevoked()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);
        var token = Guid.NewGuid();
        var buckets = cluster.Members[0].Actors.RevocationBuckets;

        await buckets.Ask<RevokeResult>(new Revoke(token, InOneHour), Ask);
        var second = await buckets.Ask<RevokeResult>(new Revoke(token, InOneHour), Ask);

        Assert.Equal(RevokeOutcome.AlreadyRevoked, second.Outcome);
    }

    [Fact]
    public async Task Snapshot_BeforeAnyRevocation_BecomesReadyAfterReadingEveryBucket()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock);

        await cluster.Members[0].Snapshot.WhenReady.WaitAsync(Ask);

        Assert.Equal(0, cluster.Members[0].Snapshot.Count);
    }

    [Fact]
    public async Task Replica_StartedAfterRevocations_LoadsThemFromTheBuckets()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock, new RevocationSettings { PageSize = 7 });
        var member = cluster.Members[0];
        var tokens = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();
        foreach (var token in tokens)
        {
            await member.Actors.RevocationBuckets.Ask<RevokeResult>(new Revoke(token, InOneHour), Ask);
        }

        var fresh = new RevocationSnapshot();
        member.System.ActorOf(RevocationReplica.Props(fresh, member.Actors.RevocationBuckets, new RevocationSettings(), clock), "second-replica");
        await fresh.WhenReady.WaitAsync(Ask);

        Assert.Equal(300, fresh.Count);
        Assert.All(tokens, t => Assert.True(fresh.IsRevoked(t)));
    }

    [Fact]
    public async Task Bucket_RestartedAfterSnapshot_StillKnowsEveryRevocation()
    {
        await using var cluster = await AuthTestCluster.StartAsync(1, clock, new RevocationSettings { SnapshotEvery = 5 });
        var member = cluster.Members[0];
        var tokens = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        foreach (var token in tokens)
        {
            await member.Actors.RevocationBuckets.Ask<RevokeResult>(new Revoke(token, InOneHour), Ask);
        }

        // Stop every bucket; the next message recovers it from snapshot and journal.
        member.System.ActorSelection("/system/sharding/revocation-bucket/*/*").Tell(PoisonPill.Instance);
        await Task.Delay(500);

        var again = await Task.WhenAll(tokens.Select(t => member.Actors.RevocationBuckets.Ask<RevokeResult>(new Revoke(t, InOneHour), Ask)));
        Assert.All(again, r => Assert.Equal(RevokeOutcome.AlreadyRevoked, r.Outcome));
    }

    [Fact]
    public async Task Prune_AfterExpiryAndMargin_DropsEntriesFromReplicaAndBuckets()
    {
        var settings = new RevocationSettings { PruneInterval = TimeSpan.FromMilliseconds(100), PruneMargin = TimeSpan.FromMinutes(5) };
        await using var cluster = await AuthTestCluster.StartAsync(1, clock, settings);
        var member = cluster.Members[0];
        var shortLived = Guid.NewGuid();
        var longLived = Guid.NewGuid();
        await member.Actors.RevocationBuckets.Ask<RevokeResult>(new Revoke(shortLived, clock.GetUtcNow().AddSeconds(10).ToUnixTimeSeconds()), Ask);
        await member.Actors.RevocationBuckets.Ask<RevokeResult>(new Revoke(longLived, InOneHour), Ask);

        clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(400);
        Assert.True(member.Snapshot.IsRevoked(shortLived), "kept within the clock-skew margin");

        clock.Advance(TimeSpan.FromMinutes(2));
        await WaitUntil(() => !member.Snapshot.IsRevoked(shortLived));
        Assert.True(member.Snapshot.IsRevoked(longLived));

        var fresh = new RevocationSnapshot();
        member.System.ActorOf(RevocationReplica.Props(fresh, member.Actors.RevocationBuckets, new RevocationSettings(), clock), "after-prune");
        await fresh.WhenReady.WaitAsync(Ask);
        Assert.False(fresh.IsRevoked(shortLived));
        Assert.True(fresh.IsRevoked(longLived));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(50);
        }
    }
}
