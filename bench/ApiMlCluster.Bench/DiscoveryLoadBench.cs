using System.Collections.Concurrent;

namespace ApiMlCluster.Bench;

/// <summary>
/// Registrations/s and renewals/s at one node: for each concurrency, C clients register distinct instances
/// (<c>localhost:benchS:P</c>, spread over <see cref="Services"/> services) for the given time, then C clients renew
/// (PUT heartbeat) the instances just registered for the same time.
/// </summary>
internal static class DiscoveryLoadBench
{
    public const int Services = 100;

    /// <summary>Registers the first instance of every service but the probe's, <paramref name="concurrency"/> at a time.</summary>
    private static async Task<TimedLoops.Phase> WarmUpAsync(DiscoveryNode node, Func<BenchInstance> next, int concurrency)
    {
        var remaining = Services - 1;
        var phase = new TimedLoops.Phase("204");
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var outcomes = new Outcomes();
            var latencies = new Latencies();
            for (var n = i; n < remaining; n += concurrency)
            {
                var instance = next();
                var (outcome, ms) = await node.RegisterAsync(instance, instance.Body());
                outcomes.Add(outcome);
                if (outcome == "204")
                {
                    latencies.Add(ms);
                }
            }

            return (outcomes, latencies);
        })));
        foreach (var (outcomes, latencies) in results)
        {
            phase.Outcomes.AddRange(outcomes);
            phase.Latencies.AddRange(latencies);
        }

        phase.Seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        return phase;
    }

    public static async Task<int> RunAsync(Uri url, string keystoreRoot, int seconds, IReadOnlyList<int> concurrencies)
    {
        using var client = DiscoveryNode.CreateClient(keystoreRoot, concurrencies.Max() + 4);
        var node = new DiscoveryNode(client, url);
        var duration = TimeSpan.FromSeconds(seconds);
        var next = -1;
        BenchInstance Next()
        {
            var k = Interlocked.Increment(ref next);
            return new BenchInstance($"bench{k % Services}", 1 + (k / Services));
        }

        var probe = Next();
        var (probeOutcome, _) = await node.RegisterAsync(probe, probe.Body());
        if (probeOutcome != "204")
        {
            await Console.Error.WriteLineAsync($"registration at {url} answered {probeOutcome}; is the discovery port up and the client certificate trusted?");
            return 1;
        }

        // The first registration of a service starts its entity (shard allocation, journal recovery); warm all of them
        // first, so the timed phases measure registrations into running services, and report that start separately.
        var cold = await WarmUpAsync(node, Next, concurrencies.Max());
        var rows = new List<string[]> { cold.Row($"POST register, first instance of each of {Services - 1} more services (entity start), {concurrencies.Max()} clients") };
        var ok = true;
        foreach (var concurrency in concurrencies)
        {
            var registered = new ConcurrentBag<BenchInstance>();
            var registrations = await TimedLoops.RunAsync(concurrency, duration, "204",
                _ => Task.CompletedTask,
                async _ =>
                {
                    var instance = Next();
                    var result = await node.RegisterAsync(instance, instance.Body());
                    if (result.Outcome == "204")
                    {
                        registered.Add(instance);
                    }

                    return result;
                });

            var targets = registered.IsEmpty ? [probe] : registered.ToArray();
            var cursor = -1;
            var renewals = await TimedLoops.RunAsync(concurrency, duration, "200",
                _ => Task.CompletedTask,
                _ => node.RenewAsync(targets[(int)((uint)Interlocked.Increment(ref cursor) % (uint)targets.Length)]));

            var clients = $"{concurrency} {(concurrency == 1 ? "client" : "clients")}";
            rows.Add(registrations.Row($"POST register, {clients}"));
            rows.Add(renewals.Row($"PUT renew, {clients} (over {targets.Length:N0} instances)"));
            ok &= registrations.Outcomes.Total == registrations.Outcomes.Of("204") && renewals.Outcomes.Total == renewals.Outcomes.Of("200");
        }

        Report.Table(
            $"Registrations and renewals at one node ({url}, {seconds} s each, distinct instances in {Services} services, registration body {Report.Bytes(probe.Body().Length)})",
            ["phase", "requests", "expected", "other answers", "expected/s", "p50 ms", "p99 ms", "max ms"],
            rows);
        return ok ? 0 : 1;
    }
}
