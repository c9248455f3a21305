namespace ApiMlCluster.Auth.Audit;

/// <summary>The audit pipeline's bounds: queue capacity (records beyond it are dropped and counted), batch size and window, and how long a batch may take to journal.</summary>
internal sealed record AuditSettings(int QueueCapacity, int BatchSize, TimeSpan BatchWindow, TimeSpan WriteTimeout)
{
    public static AuditSettings Default { get; } = new(10_000, 100, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

    /// <summary>Log lines per second for records of unauthenticated callers (which are never journaled).</summary>
    public int UnauthenticatedLogPerSecond { get; init; } = 10;
}
