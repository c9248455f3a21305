using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Caching.Storage;

/// <summary>
/// The limits one bucket enforces. A namespace's <c>storage.size</c> is shared evenly by its buckets, so a new key is
/// refused (or the bucket's oldest entry evicted) when the bucket it hashes to holds its share; a namespace therefore
/// fills up at slightly under <c>size</c> entries with keys that do not spread perfectly.
/// </summary>
internal sealed record BucketLimits(int MaxEntries, CacheEvictionStrategy Eviction, int MaxValueBytes)
{
    /// <summary>Snapshot after at least this many events, or after half the bucket's size in events if that is more.</summary>
    public int MinEventsBetweenSnapshots { get; init; } = 200;

    /// <summary>Request ids remembered for retried commands; a retry comes within seconds, far fewer writes than this.</summary>
    public int RememberedRequests { get; init; } = 1024;

    /// <summary>This bucket's share of <c>storage.maxMapItems</c>.</summary>
    public int MaxMapItems { get; init; } = PerBucket(CachingSettings.DefaultMaxMapItems);

    public static BucketLimits From(CachingSettings settings) => new(PerBucket(settings.MaxEntries), settings.EvictionStrategy, settings.MaxValueBytes)
    {
        MaxMapItems = PerBucket(settings.MaxMapItems),
    };

    private static int PerBucket(int perNamespace) => (perNamespace + BucketAddress.BucketsPerNamespace - 1) / BucketAddress.BucketsPerNamespace;
}
