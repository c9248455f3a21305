namespace ApiMlCluster.Auth.Revocation;

/// <summary>Tuning of the revocation actors; the defaults are what a node runs with, tests shorten the timers.</summary>
internal sealed record RevocationSettings
{
    /// <summary>Buckets (persistent entities) the revocations are spread over; changing it re-homes every entry, so it is fixed.</summary>
    public const int Buckets = 64;

    /// <summary>How long a logout waits for every reachable node to apply the revocation before answering anyway.</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan ResendInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After this a node that never acknowledged is left to catch up by itself (it was downed, or it re-reads on restart).</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan CatchUpRetry { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Entries stay this long past their expiry, so a node whose clock is behind still rejects the token.</summary>
    public TimeSpan PruneMargin { get; init; } = TimeSpan.FromMinutes(5);

    public int SnapshotEvery { get; init; } = 1000;

    public int PageSize { get; init; } = 2000;

    public static int BucketOf(Guid tokenId)
    {
        Span<byte> bytes = stackalloc byte[16];
        tokenId.TryWriteBytes(bytes);
        return (int)(BitConverter.ToUInt32(bytes) % Buckets);
    }
}
