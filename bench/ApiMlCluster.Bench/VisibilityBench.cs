using System.Diagnostics;
using System.Text;

namespace ApiMlCluster.Bench;

/// <summary>
/// Register → visible: one registration at a time at the first node while every other node is polled with
/// GET /eureka/apps/{APP} every <see cref="PollEvery"/> until it lists the instance. Times run from sending the POST.
/// The services exist beforehand (one warm-up instance each), so the time is the push to the replicas, not an entity's start.
/// </summary>
internal static class VisibilityBench
{
    private const int ServiceCount = 10;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(IReadOnlyList<Uri> urls, string keystoreRoot, int count)
    {
        if (urls.Count < 2)
        {
            await Console.Error.WriteLineAsync("visible needs at least two discovery URLs");
            return 2;
        }

        using var client = DiscoveryNode.CreateClient(keystoreRoot, 8);
        var nodes = urls.Select(u => new DiscoveryNode(client, u)).ToList();
        var writer = nodes[0];
        var others = nodes.Skip(1).ToList();

        for (var s = 0; s < ServiceCount; s++)
        {
            var warm = new BenchInstance($"visible{s}", 1);
            var (outcome, _) = await writer.RegisterAsync(warm, warm.Body());
            if (outcome != "204")
            {
                await Console.Error.WriteLineAsync($"warm-up registration at {writer.BaseUrl} answered {outcome}");
                return 1;
            }
        }

        // Let the warm-up registrations reach every node before timing.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var registerLatency = new Latencies();
        var perNode = others.Select(_ => new Latencies()).ToList();
        var slowest = new Latencies();
        var failures = new Outcomes();
        var missing = 0;
        for (var i = 0; i < count; i++)
        {
            var instance = new BenchInstance($"visible{i % ServiceCount}", 2 + (i / ServiceCount));
            var body = instance.Body();
            var start = Stopwatch.GetTimestamp();
            var polls = others.Select(n => WaitUntilListedAsync(n, instance, start)).ToList();
            var (outcome, ms) = await writer.RegisterAsync(instance, body);
            var seen = await Task.WhenAll(polls);
            if (outcome != "204")
            {
                failures.Add(outcome);
                continue;
            }

            registerLatency.Add(ms);
            for (var n = 0; n < others.Count; n++)
            {
                if (seen[n] is { } at)
                {
                    perNode[n].Add(at);
                }
                else
                {
                    missing++;
                }
            }

            if (seen.All(s => s is not null))
            {
                slowest.Add(seen.Max(s => s!.Value));
            }
        }

        var rows = new List<string[]> { Row("POST register at node 1 (204 received)", registerLatency) };
        for (var n = 0; n < others.Count; n++)
        {
            rows.Add(Row($"listed by GET /eureka/apps/{{APP}} at node {n + 2}", perNode[n]));
        }

        rows.Add(Row("listed at every other node", slowest));
        Report.Table(
            $"Register at node 1 → visible at the other nodes ({count} registrations one at a time, polled every {PollEvery.TotalMilliseconds:N0} ms; ms from sending the POST)",
            ["measure", "n", "p50 ms", "p95 ms", "max ms"],
            rows);
        if (failures.Total > 0 || missing > 0)
        {
            Console.WriteLine($"- registrations not answered 204: {failures.Except("204")}; instances not listed within {GiveUpAfter.TotalSeconds:N0} s: {missing}");
            Console.WriteLine();
        }

        return failures.Total == 0 && missing == 0 ? 0 : 1;
    }

    private static string[] Row(string name, Latencies latencies) =>
        [name, Report.Count(latencies.Count), Report.Ms(latencies.Percentile(50)), Report.Ms(latencies.Percentile(95)), Report.Ms(latencies.Max)];

    /// <summary>Milliseconds from <paramref name="start"/> until <paramref name="node"/> lists the instance; null when it never did.</summary>
    private static async Task<double?> WaitUntilListedAsync(DiscoveryNode node, BenchInstance instance, long start)
    {
        var needle = Encoding.UTF8.GetBytes($"\"{instance.InstanceId}\"");
        var maxPolls = (int)(GiveUpAfter / PollEvery);
        for (var k = 0; k < maxPolls && Stopwatch.GetElapsedTime(start) < GiveUpAfter; k++)
        {
            var (outcome, body, _) = await node.GetAsync($"/eureka/apps/{instance.App}");
            if (outcome == "200" && body.AsSpan().IndexOf(needle) >= 0)
            {
                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            await Task.Delay(PollEvery);
        }

        return null;
    }
}
