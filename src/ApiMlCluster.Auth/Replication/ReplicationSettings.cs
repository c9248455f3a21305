namespace ApiMlCluster.Auth.Replication;

/// <summary>Tuning of the replicated logs; the defaults are what a node runs with, tests shorten the timers.</summary>
internal sealed record ReplicationSettings
{
    /// <summary>How long a write waits for every reachable node to apply it before answering anyway.</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan ResendInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Nodes (this one included) that must have applied a write before it is acknowledged: a majority of the zowe.yaml
    /// haInstances, set by <see cref="AuthActors.Start"/>. A node cut off from the rest may not yet know it (failure
    /// detection takes seconds); without this its writes would be confirmed by itself alone once its peers turn
    /// unreachable, while the nodes that still serve clients had never seen them (found by the chaos suite).
    /// </summary>
    public int Quorum { get; init; } = 1;

    /// <summary>After this a node that never acknowledged is left to its journal tail (it was downed, or it is reading).</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Delay before a failed journal or snapshot read is tried again.</summary>
    public TimeSpan CatchUpRetry { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a replica reads what every writer journaled since it last looked. The broadcast is what makes a
    /// write visible everywhere before its answer; the tail only repairs a node that missed one (a broadcast cut by
    /// a crash, a node unreachable for longer than <see cref="GiveUpAfter"/>).
    /// </summary>
    public TimeSpan TailInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Revoked tokens stay this long past their expiry, so a node whose clock is behind still rejects them.</summary>
    public TimeSpan PruneMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A writer snapshots after this many entries, or after half as many as it holds if that is more.</summary>
    public int SnapshotEvery { get; init; } = 1000;

    /// <summary>How long a writer whose journal write failed waits before it starts again (answering failures meanwhile).</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
