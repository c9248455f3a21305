using System.Text;
using Akka.Actor;
using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Caching.Tests.Storage;

public sealed class CacheBucketTests : BucketTestKit
{
    private static readonly BucketLimits Limits = new(MaxEntries: 3, CacheEvictionStrategy.Reject, MaxValueBytes: 16);

    [Fact]
    public async Task Create_NewKey_IsDoneAndReadableWithTheCreationTime()
    {
        var bucket = Start("b1", Limits);

        var done = await bucket.Ask<object>(Create("b1", "k", "v"), Ask);
        var found = await bucket.Ask<EntryFound>(new GetEntry("b1", "k"), Ask);

        Assert.IsType<BucketDone>(done);
        Assert.Equal(("k", "v", Clock.GetUtcNow().ToUnixTimeMilliseconds()), (found.Entry.Key, Text(found.Entry.Value), found.Entry.Created));
    }

    [Fact]
    public async Task TwoIncarnationsOfABucket_TheStaleOneAnswersRetryAndStopsAtItsFirstRefusedWrite_AndNoAcknowledgedWriteIsLost()
    {
        // What two nodes whose views of the cluster briefly disagree amount to: two writers. The journal's unique
        // (persistence id, sequence number) index fails the stale one's write; it tells the requester to retry and stops.
        var stale = Start("twin", Limits);
        var current = Start("twin", Limits);
        await stale.Ask<EntryMissing>(new GetEntry("twin", "a"), Ask);
        await current.Ask<EntryMissing>(new GetEntry("twin", "a"), Ask);
        await current.Ask<BucketDone>(Create("twin", "a", "1"), Ask);
        Watch(stale);

        var refused = await stale.Ask<object>(Create("twin", "b", "2"), Ask);

        await ExpectTerminatedAsync(stale, Ask);
        Assert.IsType<BucketRetry>(refused);
        await current.Ask<BucketDone>(Create("twin", "c", "3"), Ask);
        await StopAsync(current);
        var recovered = Start("twin", Limits);
        Assert.Equal("1", Text((await recovered.Ask<EntryFound>(new GetEntry("twin", "a"), Ask)).Entry.Value));
        Assert.Equal("3", Text((await recovered.Ask<EntryFound>(new GetEntry("twin", "c"), Ask)).Entry.Value));
        await recovered.Ask<EntryMissing>(new GetEntry("twin", "b"), Ask);
    }

    [Fact]
    public async Task StopBucket_RightAfterAWrite_AnswersTheWriteBeforeItStops()
    {
        // The host hands a bucket over to another node with StopBucket; a write already begun must still be answered.
        var bucket = Start("handover", Limits);
        Watch(bucket);

        var write = bucket.Ask<object>(Create("handover", "k", "v"), Ask);
        bucket.Tell(StopBucket.Instance);

        Assert.IsType<BucketDone>(await write);
        await ExpectTerminatedAsync(bucket, Ask);
        var recovered = Start("handover", Limits);
        Assert.Equal("v", Text((await recovered.Ask<EntryFound>(new GetEntry("handover", "k"), Ask)).Entry.Value));
    }

    [Fact]
    public async Task Create_ExistingKey_IsRejectedAsExistingAndKeepsTheFirstValue()
    {
        var bucket = Start("b2", Limits);
        await bucket.Ask<BucketDone>(Create("b2", "k", "first"), Ask);

        var second = await bucket.Ask<BucketRejected>(Create("b2", "k", "second"), Ask);

        Assert.Equal(RejectionReason.KeyExists, second.Reason);
        Assert.Equal("first", Text((await bucket.Ask<EntryFound>(new GetEntry("b2", "k"), Ask)).Entry.Value));
    }

    [Fact]
    public async Task Create_ManyConcurrentCreatesOfOneKey_ExactlyOneIsDone()
    {
        var bucket = Start("b3", Limits);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => bucket.Ask<object>(Create("b3", "k", $"v{i}"), Ask)));

        Assert.Single(answers.OfType<BucketDone>());
        Assert.Equal(19, answers.OfType<BucketRejected>().Count(r => r.Reason == RejectionReason.KeyExists));
    }

    [Fact]
    public async Task Create_SameRequestIdAgain_IsDoneAgainInsteadOfAConflict()
    {
        var bucket = Start("b4", Limits);
        var create = Create("b4", "k", "v");
        await bucket.Ask<BucketDone>(create, Ask);

        var resent = await bucket.Ask<object>(create, Ask);

        Assert.IsType<BucketDone>(resent);
    }

    [Fact]
    public async Task Create_ValueOverTheLimit_IsRejectedAsTooLarge()
    {
        var bucket = Start("b5", Limits);

        var answer = await bucket.Ask<BucketRejected>(Create("b5", "k", new string('x', 17)), Ask);

        Assert.Equal(RejectionReason.ValueTooLarge, answer.Reason);
    }

    [Fact]
    public async Task Create_FullBucketWithReject_IsRejectedAsFull()
    {
        var bucket = Start("b6", Limits);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await bucket.Ask<BucketDone>(Create("b6", key, "v"), Ask);
        }

        var answer = await bucket.Ask<BucketRejected>(Create("b6", "d", "v"), Ask);

        Assert.Equal(RejectionReason.Full, answer.Reason);
    }

    [Fact]
    public async Task Create_FullBucketWithRemoveOldest_DropsTheLeastRecentlyWrittenEntry()
    {
        var bucket = Start("b7", Limits with { Eviction = CacheEvictionStrategy.RemoveOldest });
        foreach (var key in new[] { "a", "b", "c" })
        {
            await bucket.Ask<BucketDone>(Create("b7", key, "v"), Ask);
        }

        await bucket.Ask<BucketDone>(new UpdateEntry("b7", Guid.NewGuid(), "a", Bytes("v2")), Ask);
        await bucket.Ask<BucketDone>(Create("b7", "d", "v"), Ask);

        Assert.Equal(["c", "a", "d"], (await ReadEntriesAsync(bucket, "b7")).Select(e => e.Key));
    }

    [Fact]
    public async Task Update_ExistingKey_ReplacesTheValue()
    {
        var bucket = Start("b8", Limits);
        await bucket.Ask<BucketDone>(Create("b8", "k", "old"), Ask);

        await bucket.Ask<BucketDone>(new UpdateEntry("b8", Guid.NewGuid(), "k", Bytes("new")), Ask);

        Assert.Equal("new", Text((await bucket.Ask<EntryFound>(new GetEntry("b8", "k"), Ask)).Entry.Value));
    }

    [Fact]
    public async Task Update_UnknownKey_IsRejectedAsNotFound()
    {
        var bucket = Start("b9", Limits);

        var answer = await bucket.Ask<BucketRejected>(new UpdateEntry("b9", Guid.NewGuid(), "k", Bytes("v")), Ask);

        Assert.Equal(RejectionReason.KeyNotFound, answer.Reason);
    }

    [Fact]
    public async Task Delete_ExistingKey_RemovesIt()
    {
        var bucket = Start("b10", Limits);
        await bucket.Ask<BucketDone>(Create("b10", "k", "v"), Ask);

        await bucket.Ask<BucketDone>(new DeleteEntry("b10", Guid.NewGuid(), "k"), Ask);

        Assert.IsType<EntryMissing>(await bucket.Ask<object>(new GetEntry("b10", "k"), Ask));
    }

    [Fact]
    public async Task Delete_UnknownKey_IsRejectedAsNotFound()
    {
        var bucket = Start("b11", Limits);

        var answer = await bucket.Ask<BucketRejected>(new DeleteEntry("b11", Guid.NewGuid(), "k"), Ask);

        Assert.Equal(RejectionReason.KeyNotFound, answer.Reason);
    }

    [Fact]
    public async Task Clear_RemovesEveryEntryButNotTheMapItems()
    {
        var bucket = Start("b12", Limits);
        await bucket.Ask<BucketDone>(Create("b12", "k", "v"), Ask);
        await bucket.Ask<BucketDone>(new StoreMapItem("b12", Guid.NewGuid(), "invalidTokens", "t", Bytes("x")), Ask);

        await bucket.Ask<BucketDone>(new ClearEntries("b12", Guid.NewGuid()), Ask);

        Assert.Empty(await ReadEntriesAsync(bucket, "b12"));
        Assert.Single(await ReadMapItemsAsync(bucket, "b12", null));
    }

    [Fact]
    public async Task StoreMapItem_ExistingItem_ReplacesItAndIgnoresTheEntryLimit()
    {
        var bucket = Start("b13", Limits with { MaxEntries = 1 });
        foreach (var item in new[] { "a", "b", "c", "a" })
        {
            await bucket.Ask<BucketDone>(new StoreMapItem("b13", Guid.NewGuid(), "invalidUsers", item, Bytes(item + "!")), Ask);
        }

        var items = await ReadMapItemsAsync(bucket, "b13", "invalidUsers");

        Assert.Equal(["a!", "b!", "c!"], items.Select(i => Text(i.Value)).Order());
    }

    [Fact]
    public async Task StoreMapItem_PastTheMapItemBound_IsRefusedAsFullButAnExistingItemCanStillBeReplaced()
    {
        var bucket = Start("b13m", Limits with { MaxMapItems = 2 });
        await bucket.Ask<BucketDone>(new StoreMapItem("b13m", Guid.NewGuid(), "invalidTokens", "a", Bytes("1")), Ask);
        await bucket.Ask<BucketDone>(new StoreMapItem("b13m", Guid.NewGuid(), "invalidTokens", "b", Bytes("1")), Ask);

        var refused = await bucket.Ask<BucketRejected>(new StoreMapItem("b13m", Guid.NewGuid(), "invalidTokens", "c", Bytes("1")), Ask);
        await bucket.Ask<BucketDone>(new StoreMapItem("b13m", Guid.NewGuid(), "invalidTokens", "a", Bytes("2")), Ask);

        Assert.Equal(RejectionReason.Full, refused.Reason);
        var items = await ReadMapItemsAsync(bucket, "b13m", "invalidTokens");
        Assert.Equal(["a=2", "b=1"], items.Select(i => $"{i.ItemKey}={Text(i.Value)}").Order());
    }

    [Fact]
    public async Task Recovery_FromTheJournal_RestoresEntriesMapItemsAndRequestIds()
    {
        var bucket = Start("b14", Limits);
        var create = Create("b14", "k", "v");
        await bucket.Ask<BucketDone>(create, Ask);
        await bucket.Ask<BucketDone>(Create("b14", "gone", "v"), Ask);
        await bucket.Ask<BucketDone>(new DeleteEntry("b14", Guid.NewGuid(), "gone"), Ask);
        await bucket.Ask<BucketDone>(new StoreMapItem("b14", Guid.NewGuid(), "m", "i", Bytes("x")), Ask);
        await StopAsync(bucket);

        var recovered = Start("b14", Limits);

        Assert.Equal(["k"], (await ReadEntriesAsync(recovered, "b14")).Select(e => e.Key));
        Assert.Single(await ReadMapItemsAsync(recovered, "b14", "m"));
        Assert.IsType<BucketDone>(await recovered.Ask<object>(create, Ask));
    }

    [Fact]
    public async Task Recovery_AfterSnapshots_RestoresTheSameEntriesInTheSameOrder()
    {
        var limits = new BucketLimits(1000, CacheEvictionStrategy.Reject, 64) { MinEventsBetweenSnapshots = 10 };
        var bucket = Start("b15", limits);
        for (var i = 0; i < 35; i++)
        {
            await bucket.Ask<BucketDone>(Create("b15", $"k{i:D2}", $"v{i}"), Ask);
        }

        await bucket.Ask<BucketDone>(new UpdateEntry("b15", Guid.NewGuid(), "k00", Bytes("updated")), Ask);
        var before = await ReadEntriesAsync(bucket, "b15");
        await StopAsync(bucket);

        var recovered = Start("b15", limits);
        var after = await ReadEntriesAsync(recovered, "b15");

        Assert.Equal(before.Select(e => (e.Key, Text(e.Value), e.Created)), after.Select(e => (e.Key, Text(e.Value), e.Created)));
        Assert.Equal("k00", after[^1].Key);
    }

    [Fact]
    public async Task EvictTokens_DropsOnlyExpiredTokens()
    {
        var bucket = Start("b16", Limits with { MaxValueBytes = 1024 });
        var now = Clock.GetUtcNow();
        await bucket.Ask<BucketDone>(new StoreMapItem("b16", Guid.NewGuid(), "invalidTokens", "old", Bytes($"{{\"expiresAt\":\"{now.AddMinutes(-1):yyyy-MM-ddTHH:mm:ss}\"}}")), Ask);
        await bucket.Ask<BucketDone>(new StoreMapItem("b16", Guid.NewGuid(), "invalidTokens", "live", Bytes($"{{\"expiresAt\":\"{now.AddMinutes(1):yyyy-MM-ddTHH:mm:ss}\"}}")), Ask);
        await bucket.Ask<BucketDone>(new StoreMapItem("b16", Guid.NewGuid(), "invalidTokens", "unreadable", Bytes("not json")), Ask);

        await bucket.Ask<BucketDone>(new EvictMapItems("b16", Guid.NewGuid(), "invalidTokens", EvictionRule.ExpiredTokens), Ask);

        Assert.Equal(["live", "unreadable"], (await ReadMapItemsAsync(bucket, "b16", "invalidTokens")).Select(i => i.ItemKey).Order());
    }

    [Fact]
    public async Task EvictRules_DropsRulesOlderThanNinetyDays()
    {
        var bucket = Start("b17", Limits);
        var now = Clock.GetUtcNow();
        await bucket.Ask<BucketDone>(new StoreMapItem("b17", Guid.NewGuid(), "invalidUsers", "old", Bytes(now.AddDays(-91).ToUnixTimeMilliseconds().ToString())), Ask);
        await bucket.Ask<BucketDone>(new StoreMapItem("b17", Guid.NewGuid(), "invalidUsers", "recent", Bytes(now.AddDays(-89).ToUnixTimeMilliseconds().ToString())), Ask);

        await bucket.Ask<BucketDone>(new EvictMapItems("b17", Guid.NewGuid(), "invalidUsers", EvictionRule.OldRules), Ask);

        Assert.Equal(["recent"], (await ReadMapItemsAsync(bucket, "b17", "invalidUsers")).Select(i => i.ItemKey));
    }

    [Fact]
    public async Task ReadBucket_LargeContent_ComesInSeveralPagesUnderTheFrameSize()
    {
        var bucket = Start("b18", new BucketLimits(100, CacheEvictionStrategy.Reject, 32 * 1024));
        for (var i = 0; i < 10; i++)
        {
            await bucket.Ask<BucketDone>(Create("b18", $"k{i}", new string('x', 30 * 1024)), Ask);
        }

        bucket.Tell(new ReadBucket("b18", BucketContent.Entries, null), TestActor);
        var pages = new List<BucketPage>();
        do
        {
            pages.Add(await ExpectMsgAsync<BucketPage>(Ask));
        }
        while (!pages[^1].Last);

        Assert.True(pages.Count > 1);
        Assert.Equal(10, pages.Sum(p => p.Entries.Count));
        Assert.All(pages, p => Assert.True(Sys.Serialization.FindSerializerFor(p).ToBinary(p).Length < 200_000));
    }

    private static CreateEntry Create(string entityId, string key, string value) => new(entityId, Guid.NewGuid(), key, Bytes(value));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private async Task<List<CacheEntry>> ReadEntriesAsync(IActorRef bucket, string entityId) =>
        [.. (await ReadAsync(bucket, new ReadBucket(entityId, BucketContent.Entries, null))).SelectMany(p => p.Entries)];

    private async Task<List<MapItem>> ReadMapItemsAsync(IActorRef bucket, string entityId, string? mapKey) =>
        [.. (await ReadAsync(bucket, new ReadBucket(entityId, BucketContent.MapItems, mapKey))).SelectMany(p => p.MapItems)];

    private async Task<List<BucketPage>> ReadAsync(IActorRef bucket, ReadBucket read)
    {
        bucket.Tell(read, TestActor);
        var pages = new List<BucketPage>();
        do
        {
            pages.Add(await ExpectMsgAsync<BucketPage>(Ask));
        }
        while (!pages[^1].Last);

        return pages;
    }
}
