using Akka.Actor;
using Akka.Persistence;
using ApiMlCluster.Core.Homing;
using ApiMlCluster.Gateway.Sticky;
using ApiMlCluster.TestSupport;
using Xunit.Abstractions;

namespace ApiMlCluster.Gateway.Tests.Sticky;

/// <summary>A sticky bucket on Akka's in-memory journal (as its owned journal) and snapshot store, which outlive the bucket within one ActorSystem.</summary>
public sealed class StickyBucketTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(Hocon, output)
{
    private const string Hocon = GatewaySerializer.Hocon + $$"""

        akka.actor.serialize-messages = on
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        {{OwnedJournal.PluginId}} {
          class = "Akka.Persistence.Journal.MemoryJournal, Akka.Persistence"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    private const string Bucket = "b1";
    private const string Key = "user1:svc";
    private static readonly TimeSpan Expiration = TimeSpan.FromHours(8);
    private static readonly long Ttl = (long)Expiration.TotalMilliseconds;
    private readonly ManualClock clock = new();

    [Fact]
    public async Task Choose_FirstProposal_IsChosenAndPublished()
    {
        var publisher = CreateTestProbe();
        var bucket = Start(publisher);

        var choice = await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));

        Assert.Equal((Key, "a", clock.GetUtcNow().ToUnixTimeMilliseconds()), (choice.Key, choice.InstanceId, choice.ChosenAt));
        Assert.Equal(choice, (await publisher.ExpectMsgAsync<PublishStickyChoice>()).Choice);
    }

    [Fact]
    public async Task Choose_LaterProposals_GetTheFirstChoice()
    {
        var publisher = CreateTestProbe();
        var bucket = Start(publisher);
        await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));

        var second = await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", null, Ttl));

        Assert.Equal("a", second.InstanceId);
        await publisher.ExpectMsgAsync<PublishStickyChoice>();
        await publisher.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Choose_TwoKeysOfOneBucket_AreChosenIndependently()
    {
        var bucket = Start(CreateTestProbe());
        await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));

        var other = await bucket.Ask<StickyChoice>(new ChooseStickyInstance("user2:svc", "b", null, Ttl));
        var first = await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "c", null, Ttl));

        Assert.Equal(("b", "a"), (other.InstanceId, first.InstanceId));
    }

    [Fact]
    public async Task Choose_RememberedInstanceReportedInvalid_TakesTheProposal()
    {
        var bucket = Start(CreateTestProbe());
        await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));

        var replaced = await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", "a", Ttl));
        var raced = await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "c", "a", Ttl));

        Assert.Equal(("b", "b"), (replaced.InstanceId, raced.InstanceId));
    }

    [Fact]
    public async Task Choose_AfterTheExpiry_TakesTheProposal()
    {
        var bucket = Start(CreateTestProbe());
        await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));

        clock.Advance(Expiration - TimeSpan.FromMilliseconds(1));
        var before = await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", null, Ttl));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var after = await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", null, Ttl));

        Assert.Equal(("a", "b"), (before.InstanceId, after.InstanceId));
    }

    [Fact]
    public async Task Restarted_RecoversTheLatestChoiceFromTheJournal()
    {
        var first = Start(CreateTestProbe());
        await first.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));
        await first.Ask<StickyChoice>(new ChooseStickyInstance(Key, "b", "a", Ttl));
        await StopAsync(first);

        var recovered = await Start(CreateTestProbe()).Ask<StickyChoice>(new ChooseStickyInstance(Key, "c", null, Ttl));

        Assert.Equal("b", recovered.InstanceId);
    }

    [Fact]
    public async Task Restarted_AfterAChoiceExpired_StoresASnapshotWithoutIt()
    {
        var first = Start(CreateTestProbe());
        await first.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));
        clock.Advance(TimeSpan.FromHours(5));
        await first.Ask<StickyChoice>(new ChooseStickyInstance("user2:svc", "b", null, Ttl));
        await StopAsync(first);

        clock.Advance(TimeSpan.FromHours(4));
        Start(CreateTestProbe());

        var snapshot = await StoredSnapshotAsync();
        Assert.Equal(["user2:svc"], snapshot.Choices.Select(c => c.Key));
    }

    [Fact]
    public async Task ManyChoices_SnapshotKeepsOnlyTheUnexpiredOnes()
    {
        var bucket = Start(CreateTestProbe());
        await bucket.Ask<StickyChoice>(new ChooseStickyInstance(Key, "a", null, Ttl));
        clock.Advance(Expiration + TimeSpan.FromMinutes(1));
        for (var i = 0; i < StickyBucket.MinEventsBetweenSnapshots; i++)
        {
            await bucket.Ask<StickyChoice>(new ChooseStickyInstance($"user-{i}:svc", "b", null, Ttl));
        }

        var snapshot = await StoredSnapshotAsync();
        Assert.NotEmpty(snapshot.Choices);
        Assert.All(snapshot.Choices, c => Assert.Equal("b", c.InstanceId));
    }

    [Fact]
    public void BucketOf_IsStableAndSpreadsKeys()
    {
        var buckets = Enumerable.Range(0, 1000).Select(i => StickyBucket.BucketOf(StickyKeys.Of($"user{i}", "svc"))).ToList();

        Assert.Equal(StickyBucket.BucketOf("user1:svc"), StickyBucket.BucketOf("user1:svc"));
        Assert.Equal(StickyBucket.Count, buckets.Distinct().Count());
    }

    private IActorRef Start(IActorRef publisher) => Sys.ActorOf(StickyBucket.Props(Bucket, publisher, Expiration, clock));

    private async Task StopAsync(IActorRef bucket)
    {
        Watch(bucket);
        bucket.Tell(StopStickyBucket.Instance);
        await ExpectTerminatedAsync(bucket);
    }

    /// <summary>The bucket's latest snapshot, once the store holds one (snapshots are written in the background).</summary>
    private async Task<StickyBucketSnapshot> StoredSnapshotAsync()
    {
        var store = Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        StickyBucketSnapshot? found = null;
        await AwaitAssertAsync(async () =>
        {
            var result = await store.Ask<LoadSnapshotResult>(new LoadSnapshot("sticky-" + Bucket, SnapshotSelectionCriteria.Latest, long.MaxValue), TimeSpan.FromSeconds(5));
            found = result.Snapshot?.Snapshot as StickyBucketSnapshot;
            Assert.NotNull(found);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        return found!;
    }
}
