namespace ApiMlCluster.TestSupport;

/// <summary>Polls a condition that becomes true asynchronously (replication, eviction) until a deadline.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met within {(timeout ?? DefaultTimeout).TotalSeconds:F0} s{(because is null ? string.Empty : ": " + because)}");
            }

            await Task.Delay(50);
        }
    }
}
