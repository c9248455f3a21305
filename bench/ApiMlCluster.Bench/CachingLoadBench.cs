namespace ApiMlCluster.Bench;

/// <summary>
/// Durable writes/s and reads/s at one node's caching API: for each concurrency, C clients create distinct keys
/// (each answered 201 only once journaled) for the given time, then C clients read random keys written before.
/// </summary>
internal static class CachingLoadBench
{
    public static async Task<int> RunAsync(Uri url, string keystoreRoot, int seconds, IReadOnlyList<int> concurrencies, int valueBytes)
    {
        using var client = DiscoveryNode.CreateClient(keystoreRoot, concurrencies.Max() + 4);
        var node = new CachingNode(client, url);
        var value = new string('v', valueBytes);
        var duration = TimeSpan.FromSeconds(seconds);
        var next = -1;
        var (probe, _) = await node.CreateAsync("probe-" + Guid.NewGuid().ToString("N"), value);
        if (probe != "201")
        {
            await Console.Error.WriteLineAsync($"create at {url} answered {probe}; is the caching port up and the client certificate trusted?");
            return 1;
        }

        // Touch every bucket of the namespace once, so the timed phases do not include entity starts.
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => node.CreateAsync($"warm-{Guid.NewGuid():N}", value)));

        var rows = new List<string[]>();
        var ok = true;
        var prefix = Guid.NewGuid().ToString("N")[..8];
        foreach (var concurrency in concurrencies)
        {
            var writes = await TimedLoops.RunAsync(concurrency, duration, "201",
                _ => Task.CompletedTask,
                _ => node.CreateAsync($"{prefix}-{Interlocked.Increment(ref next)}", value));
            var written = Volatile.Read(ref next) + 1;
            var random = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId));
            var reads = await TimedLoops.RunAsync(concurrency, duration, "200",
                _ => Task.CompletedTask,
                _ => node.ReadAsync($"{prefix}-{random.Value!.Next(written)}"));
            rows.Add(writes.Row($"POST /cache new key ({valueBytes} B value), {concurrency} clients"));
            rows.Add(reads.Row($"GET /cache/{{key}} of {written:N0} keys, {concurrency} clients"));
            ok &= writes.Outcomes.Of("201") == writes.Outcomes.Total && reads.Outcomes.Of("200") == reads.Outcomes.Total;
        }

        Report.Table($"Caching API at one node ({seconds} s per row)", ["phase", "requests", "expected", "other", "per second", "p50 ms", "p99 ms", "max ms"], rows);
        return ok ? 0 : 1;
    }
}
