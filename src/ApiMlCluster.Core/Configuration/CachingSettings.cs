namespace ApiMlCluster.Core.Configuration;

/// <summary>What a full namespace does with a new key (<c>components.caching-service.storage.evictionStrategy</c>).</summary>
public enum CacheEvictionStrategy
{
    /// <summary>Refuse the new key with 507 ZWECS134E.</summary>
    Reject,

    /// <summary>Make room by dropping the entry written least recently.</summary>
    RemoveOldest,
}

/// <summary>The caching service's limits from zowe.yaml (<c>components.caching-service.storage.*</c>).</summary>
public sealed record CachingSettings
{
    public const int DefaultMaxEntries = 10_000;
    public const int DefaultMaxValueBytes = 32 * 1024;
    public const int DefaultMaxMapItems = 100_000;

    /// <summary>Upper bound of <see cref="MaxValueBytes"/>: a value travels between nodes in one remoting frame (256 KB, base64).</summary>
    public const int MaxValueBytesLimit = 128 * 1024;

    /// <summary><c>storage.size</c>: entries per namespace in the <c>cache</c> map (Zowe's default 10000).</summary>
    public int MaxEntries { get; init; } = DefaultMaxEntries;

    public CacheEvictionStrategy EvictionStrategy { get; init; } = CacheEvictionStrategy.Reject;

    /// <summary><c>storage.maxValueBytes</c>: the largest value, in UTF-8 bytes (this product's key; Zowe has none).</summary>
    public int MaxValueBytes { get; init; } = DefaultMaxValueBytes;

    /// <summary>
    /// <c>storage.maxMapItems</c>: <c>cache-list</c> items per namespace (this product's key; Zowe has none). They do
    /// not count against <c>size</c> and are never evicted (they hold invalidated tokens), so without this bound one
    /// certificate could fill the database; beyond it a new item is refused with 507, which its writer sees.
    /// </summary>
    public int MaxMapItems { get; init; } = DefaultMaxMapItems;

    /// <summary>
    /// <c>storage.maxServiceIdsPerCertificate</c>: the <c>X-CS-Service-ID</c> namespaces one certificate may write to
    /// (this product's key; Zowe has none). Each has its own <c>size</c>, so without this bound one certificate could
    /// open namespaces without end; beyond it a write to a new one is refused with 507.
    /// </summary>
    public int MaxServiceIdsPerCertificate { get; init; } = DefaultMaxServiceIdsPerCertificate;

    public const int DefaultMaxServiceIdsPerCertificate = 100;

    /// <summary>Callers must present a client certificate the truststore trusts; off only when <c>zowe.verifyCertificates</c> is DISABLED.</summary>
    public bool RequireClientCertificate { get; init; } = true;
}
