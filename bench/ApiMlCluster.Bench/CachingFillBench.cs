using System.Diagnostics;

namespace ApiMlCluster.Bench;

/// <summary>
/// Fills the cache through one node's API with up to <c>count</c> keys (C clients, stopping at the deadline), then
/// measures read latency of random filled keys with one client and with C clients.
/// </summary>
internal static class CachingFillBench
{
    public static async Task<int> RunAsync(Uri url, string keystoreRoot, int count, int concurrency, TimeSpan deadline, int valueBytes)
    {
        using var client = DiscoveryNode.CreateClient(keystoreRoot, concurrency + 4);
        var node = new CachingNode(client, url);
        var value = new string('v', valueBytes);
        var next = -1;
        var created = 0;
        var failures = new Outcomes();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int k;
            // The clock first: a key is claimed only when it will be written, so the reads below find every claimed key.
            while (Stopwatch.GetElapsedTime(start) < deadline && (k = Interlocked.Increment(ref next)) < count)
            {
                var (outcome, _) = await node.CreateAsync($"fill-{k}", value);
                if (outcome == "201")
                {
                    Interlocked.Increment(ref created);
                }
                else
                {
                    lock (failures)
                    {
                        failures.Add(outcome);
                    }
                }
            }
        })));
        var fillSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var attempted = Math.Min(count, Volatile.Read(ref next));
        Report.Table(
            "Caching fill through the API",
            ["keys created", "value bytes", "clients", "seconds", "creates/s", "failures"],
            [[Report.Count(created), valueBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), Report.Fixed(fillSeconds, 1), Report.Rate(created / fillSeconds), failures.Except("201")]]);

        var rows = new List<string[]>();
        foreach (var clients in new[] { 1, concurrency })
        {
            var random = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId));
            var reads = await TimedLoops.RunAsync(clients, TimeSpan.FromSeconds(10), "200",
                _ => Task.CompletedTask,
                _ => node.ReadAsync($"fill-{random.Value!.Next(attempted)}"));
            rows.Add(reads.Row($"GET random key of {created:N0}, {clients} clients"));
        }

        Report.Table("Read latency with the filled cache (10 s per row)", ["phase", "requests", "expected", "other", "per second", "p50 ms", "p99 ms", "max ms"], rows);
        return 0;
    }
}
