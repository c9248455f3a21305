namespace ApiMlCluster.Discovery.Registry;

/// <summary>Timings of the registry actors; the defaults are the product's, tests shorten them.</summary>
internal sealed record RegistrySettings
{
    /// <summary>How often a service entity looks for instances whose lease has run out.</summary>
    public TimeSpan EvictionInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a live service entity tells every replica its version (anti-entropy for lost pushes).</summary>
    public TimeSpan BeaconInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An empty service's entity stops after this long, which also drops it from the remembered entities.</summary>
    public TimeSpan EmptyServiceLinger { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A replica re-reads a service it has not heard of for this long (its entity may have stopped with its last push lost).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>A starting replica retries its peer sync this often until one peer answers.</summary>
    public TimeSpan SyncRetry { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Journal events between snapshots of one service.</summary>
    public int SnapshotEvery { get; init; } = 200;

    /// <summary>Approximate bytes per <see cref="ReadModel.ServiceChunk"/>; the remoting frame limit is 256,000.</summary>
    public int ChunkBytes { get; init; } = 64 * 1024;

    /// <summary>Approximate bytes of one page of a peer sync (a few chunks); the next page is asked for when this one has arrived.</summary>
    public int SyncPageBytes { get; init; } = 256 * 1024;

    /// <summary>The hard cap on one service's instances (<c>registration.maxInstancesPerService</c>), enforced by its entity.</summary>
    public int MaxInstancesPerService { get; init; } = 100;

    /// <summary>How long changes are kept for Eureka's <c>/apps/delta</c> (Eureka's retention is 3 minutes).</summary>
    public TimeSpan DeltaRetention { get; init; } = TimeSpan.FromMinutes(3);
}
