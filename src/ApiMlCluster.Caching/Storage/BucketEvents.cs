namespace ApiMlCluster.Caching.Storage;

/// <summary>A journaled change of a bucket. Values are UTF-8 bytes: half the memory of strings, and compact on the wire.</summary>
internal interface IBucketEvent : ICachingMessage
{
    Guid RequestId { get; }
}

internal sealed record CacheEntry(string Key, byte[] Value, long Created) : ICachingMessage;

internal sealed record MapItem(string MapKey, string ItemKey, byte[] Value) : ICachingMessage;

/// <summary>A created or updated entry; <see cref="Evicted"/> is the entry removeOldest dropped to make room, in the same write.</summary>
internal sealed record EntryWritten(Guid RequestId, string Key, byte[] Value, long Created, string? Evicted) : IBucketEvent;

internal sealed record EntryDeleted(Guid RequestId, string Key) : IBucketEvent;

internal sealed record EntriesCleared(Guid RequestId) : IBucketEvent;

internal sealed record MapItemWritten(Guid RequestId, string MapKey, string ItemKey, byte[] Value) : IBucketEvent;

internal sealed record MapItemsEvicted(Guid RequestId, string MapKey, IReadOnlyList<string> ItemKeys) : IBucketEvent;

/// <summary>The whole bucket: entries from least to most recently written, map items, and the recent request ids.</summary>
internal sealed record BucketSnapshot(IReadOnlyList<CacheEntry> Entries, IReadOnlyList<MapItem> MapItems, IReadOnlyList<Guid> RecentRequests) : ICachingMessage;
