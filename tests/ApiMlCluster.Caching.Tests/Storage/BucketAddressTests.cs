using ApiMlCluster.Caching.Storage;

namespace ApiMlCluster.Caching.Tests.Storage;

public sealed class BucketAddressTests
{
    [Fact]
    public void EntityId_IsStableAcrossProcesses()
    {
        // Stored data is addressed by these ids: a change of either hash would orphan every entry. Expected value from
        // Python: sha256(namespace)[:16 bytes] and 32-bit FNV-1a over the UTF-16 code units of the key, mod 16.
        Assert.Equal("7453bbff78c0b2c5032c94babefa7198-1", BucketAddress.EntityId("CN=alpha, OU=API Mediation Layer, O=ApiMlCluster", "salt"));
    }

    [Fact]
    public void EntityId_LongNamespace_StaysShortEnoughForAPersistenceId()
    {
        Assert.True(BucketAddress.EntityId(new string('x', 5000), "k").Length < 64);
    }

    [Fact]
    public void Bucket_ManyKeys_SpreadOverEveryBucket()
    {
        var counts = Enumerable.Range(0, 16_000).GroupBy(i => BucketAddress.Bucket($"key-{i}")).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(BucketAddress.BucketsPerNamespace, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void AllEntityIds_CoverTheBucketOfEveryKey()
    {
        var all = BucketAddress.AllEntityIds("ns").ToHashSet();

        Assert.Equal(BucketAddress.BucketsPerNamespace, all.Count);
        Assert.All(Enumerable.Range(0, 100), i => Assert.Contains(BucketAddress.EntityId("ns", $"k{i}"), all));
        Assert.Contains(BucketAddress.MapItemEntityId("ns", "invalidTokens", "t"), all);
    }
}
