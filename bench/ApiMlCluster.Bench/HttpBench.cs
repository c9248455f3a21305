using System.Diagnostics;

namespace ApiMlCluster.Bench;

/// <summary>
/// Throughput of one running node's auth API under C concurrent clients: logins (provider check, RS256 signature,
/// session start) and token checks (GET query: validation, revocation lookup, JSON answer).
/// </summary>
internal static class HttpBench
{
    // Per loop, far above what a loop can send in the longest allowed run; the clock ends the loops.
    private const int MaxRequestsPerLoop = 10_000_000;

    public static async Task<int> RunAsync(Uri url, string caFile, int seconds, int concurrency)
    {
        using var client = Gateway.CreateClient(caFile, concurrency + 4);
        var gateway = new Gateway(client, url);

        var probe = await gateway.LoginAsync();
        if (probe.Token is null)
        {
            await Console.Error.WriteLineAsync($"login at {url} answered {probe.Outcome}; is the node up with the dummy provider?");
            return 1;
        }

        var duration = TimeSpan.FromSeconds(seconds);
        var logins = await RunLoopsAsync(concurrency, duration, "204",
            async _ => await gateway.LoginAsync(),
            async _ =>
            {
                var (outcome, _, ms) = await gateway.LoginAsync();
                return (outcome, ms);
            });

        var tokens = new string?[concurrency];
        var queries = await RunLoopsAsync(concurrency, duration, "200",
            async i => tokens[i] = (await gateway.LoginAsync()).Token,
            i => tokens[i] is { } token ? gateway.QueryAsync(token) : Task.FromResult(("no token", 0.0)));

        Report.Table(
            $"Auth API of one node ({url}, {concurrency} concurrent {(concurrency == 1 ? "client" : "clients")}, {seconds} s each, HTTP/1.1 keep-alive)",
            ["phase", "requests", "expected", "other answers", "expected/s", "p50 ms", "p99 ms", "max ms"],
            [logins.Row("POST login (Basic user:user)"), queries.Row("GET query (cookie)")]);
        return logins.Outcomes.Of("204") > 0 && queries.Outcomes.Of("200") > 0 ? 0 : 1;
    }

    /// <summary>
    /// Runs <paramref name="concurrency"/> loops for <paramref name="duration"/>, loop i sending <paramref name="send"/>(i)
    /// back to back. <paramref name="prepare"/>(i) runs for all loops at once before the clock starts, so each loop's
    /// connection is open (and its token there) when timing begins.
    /// </summary>
    private static async Task<Phase> RunLoopsAsync(
        int concurrency,
        TimeSpan duration,
        string expected,
        Func<int, Task> prepare,
        Func<int, Task<(string Outcome, double Ms)>> send)
    {
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(prepare));

        var start = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var outcomes = new Outcomes();
            var latencies = new Latencies();
            for (var n = 0; n < MaxRequestsPerLoop && Stopwatch.GetElapsedTime(start) < duration; n++)
            {
                var (outcome, ms) = await send(i);
                outcomes.Add(outcome);
                if (outcome == expected)
                {
                    latencies.Add(ms);
                }
            }

            return (outcomes, latencies);
        })).ToList();

        var phase = new Phase(expected);
        foreach (var (outcomes, latencies) in await Task.WhenAll(loops))
        {
            phase.Outcomes.AddRange(outcomes);
            phase.Latencies.AddRange(latencies);
        }

        phase.Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return phase;
    }

    private sealed class Phase(string expected)
    {
        public Outcomes Outcomes { get; } = new();

        /// <summary>Of the answers with the expected status only; failures can be fast or time out and would skew them.</summary>
        public Latencies Latencies { get; } = new();

        public double Seconds { get; set; }

        public string[] Row(string name) =>
        [
            name,
            Report.Count(Outcomes.Total),
            $"{expected}×{Outcomes.Of(expected):N0}",
            Outcomes.Except(expected),
            Report.Rate(Outcomes.Of(expected) / Seconds),
            Report.Ms(Latencies.Percentile(50)),
            Report.Ms(Latencies.Percentile(99)),
            Report.Ms(Latencies.Max),
        ];
    }
}
