using System.Diagnostics;

namespace ApiMlCluster.Bench;

/// <summary>
/// Fills the registry through one node: <c>services × perService</c> instances (<c>localhost:bigS:P</c>) registered by
/// C concurrent clients, each instance once, bounded by a deadline.
/// </summary>
internal static class RegistryFillBench
{
    public static async Task<int> RunAsync(Uri url, string keystoreRoot, int services, int perService, int concurrency, TimeSpan deadline)
    {
        using var client = DiscoveryNode.CreateClient(keystoreRoot, concurrency + 4);
        var node = new DiscoveryNode(client, url);
        var total = services * perService;
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var outcomes = new Outcomes();
            var latencies = new Latencies();
            for (var k = Interlocked.Increment(ref next); k < total && Stopwatch.GetElapsedTime(start) < deadline; k = Interlocked.Increment(ref next))
            {
                var instance = new BenchInstance($"big{k % services}", 10_000 + (k / services));
                var (outcome, ms) = await node.RegisterAsync(instance, instance.Body());
                outcomes.Add(outcome);
                if (outcome == "204")
                {
                    latencies.Add(ms);
                }
            }

            return (outcomes, latencies);
        })).ToList();

        var all = new Outcomes();
        var latency = new Latencies();
        foreach (var (outcomes, latencies) in await Task.WhenAll(loops))
        {
            all.AddRange(outcomes);
            latency.AddRange(latencies);
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Report.Table(
            $"Filling the registry at {url}: {services:N0} services × {perService} instances, {concurrency} concurrent clients",
            ["registrations", "204", "other answers", "seconds", "registrations/s", "p50 ms", "p99 ms", "max ms"],
            [[Report.Count(all.Total), Report.Count(all.Of("204")), all.Except("204"), Report.Fixed(seconds, 1), Report.Rate(all.Of("204") / seconds),
              Report.Ms(latency.Percentile(50)), Report.Ms(latency.Percentile(99)), Report.Ms(latency.Max)]]);
        if (all.Total < total)
        {
            Console.WriteLine($"- stopped at the {deadline.TotalSeconds:N0} s deadline after {all.Total:N0} of {total:N0} registrations");
            Console.WriteLine();
        }

        return all.Of("204") == total ? 0 : 1;
    }
}
