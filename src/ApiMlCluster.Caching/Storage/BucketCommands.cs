namespace ApiMlCluster.Caching.Storage;

/// <summary>A message for one bucket entity; <see cref="EntityId"/> comes from <see cref="BucketAddress"/>.</summary>
internal interface IBucketCommand : ICachingMessage
{
    string EntityId { get; }
}

/// <summary>
/// A change. The request id makes a resent command (its answer was lost with a dying node) answer the same as the
/// first time instead of a false 409 or 404.
/// </summary>
internal interface IBucketWrite : IBucketCommand
{
    Guid RequestId { get; }
}

internal sealed record CreateEntry(string EntityId, Guid RequestId, string Key, byte[] Value) : IBucketWrite;

internal sealed record UpdateEntry(string EntityId, Guid RequestId, string Key, byte[] Value) : IBucketWrite;

internal sealed record DeleteEntry(string EntityId, Guid RequestId, string Key) : IBucketWrite;

internal sealed record ClearEntries(string EntityId, Guid RequestId) : IBucketWrite;

internal sealed record StoreMapItem(string EntityId, Guid RequestId, string MapKey, string ItemKey, byte[] Value) : IBucketWrite;

internal sealed record EvictMapItems(string EntityId, Guid RequestId, string MapKey, EvictionRule Rule) : IBucketWrite;

internal sealed record GetEntry(string EntityId, string Key) : IBucketCommand;

/// <summary>Asks for the bucket's entries or map items; the answer is one or more <see cref="BucketPage"/>s, the last one flagged.</summary>
internal sealed record ReadBucket(string EntityId, BucketContent Content, string? MapKey) : IBucketCommand;

internal enum BucketContent
{
    Entries,
    MapItems,
}

/// <summary>What <c>DELETE /cache-list/evict/{tokens|rules}/{mapKey}</c> removes.</summary>
internal enum EvictionRule
{
    /// <summary>Revoked tokens (<c>AccessTokenContainer</c> JSON) whose <c>expiresAt</c> has passed.</summary>
    ExpiredTokens,

    /// <summary>Revocation rules (epoch-millisecond values) older than 90 days.</summary>
    OldRules,
}

internal sealed record BucketDone(Guid RequestId) : ICachingMessage;

/// <summary>The write was not made because another incarnation of the bucket wrote first; send it again.</summary>
internal sealed record BucketRetry(Guid RequestId) : ICachingMessage;

/// <summary>Local only: the host's request that the bucket stop once its pending write is stored.</summary>
internal sealed record StopBucket
{
    public static readonly StopBucket Instance = new();
}

internal sealed record BucketRejected(Guid RequestId, RejectionReason Reason) : ICachingMessage;

internal enum RejectionReason
{
    KeyExists,
    KeyNotFound,
    Full,
    ValueTooLarge,
    TooManyServiceIds,
}

internal sealed record EntryFound(CacheEntry Entry) : ICachingMessage;

internal sealed record EntryMissing(string Key) : ICachingMessage;

/// <summary>Part of a bucket's content, at most about 64 KB so it fits a remoting frame.</summary>
internal sealed record BucketPage(string EntityId, IReadOnlyList<CacheEntry> Entries, IReadOnlyList<MapItem> MapItems, bool Last) : ICachingMessage;
