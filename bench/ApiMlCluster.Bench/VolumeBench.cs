using System.Diagnostics;

namespace ApiMlCluster.Bench;

/// <summary>
/// A fixed number of login + logout pairs against one node, as fast as C clients go: how the node's memory and journal
/// follow a large number of logins and logouts (bench/volume measures those around this run). The last tokens logged
/// out are queried afterwards; each must answer 401, so the volume cannot hide a lost revocation.
/// </summary>
internal static class VolumeBench
{
    private const int Checked = 256;
    private const int ProgressEvery = 100_000;

    public static async Task<int> RunAsync(Uri url, string caFile, int pairs, int concurrency)
    {
        using var client = Gateway.CreateClient(caFile, concurrency + 4);
        var gateway = new Gateway(client, url);
        if ((await gateway.LoginAsync()).Token is null)
        {
            await Console.Error.WriteLineAsync($"login at {url} failed; is the node up with the dummy provider?");
            return 1;
        }

        var started = 0L;
        var done = 0L;
        var recent = new string?[Checked];
        var start = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var logins = new Outcomes();
            var logouts = new Outcomes();
            var latencies = new Latencies();
            while (Interlocked.Increment(ref started) <= pairs)
            {
                var (outcome, token, _) = await gateway.LoginAsync();
                logins.Add(outcome);
                if (token is not null)
                {
                    var (loggedOut, ms) = await gateway.LogoutAsync(token);
                    logouts.Add(loggedOut);
                    if (loggedOut == "204")
                    {
                        latencies.Add(ms);
                        var n = Interlocked.Increment(ref done);
                        recent[n % Checked] = token;
                        if (n % ProgressEvery == 0)
                        {
                            await Console.Error.WriteLineAsync($"  {n:N0} pairs in {Stopwatch.GetElapsedTime(start).TotalSeconds:N0} s");
                        }
                    }
                }
            }

            return (logins, logouts, latencies);
        })).ToList();

        var logins = new Outcomes();
        var logouts = new Outcomes();
        var latencies = new Latencies();
        foreach (var loop in await Task.WhenAll(loops))
        {
            logins.AddRange(loop.logins);
            logouts.AddRange(loop.logouts);
            latencies.AddRange(loop.latencies);
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var stillAccepted = 0;
        foreach (var token in recent.OfType<string>())
        {
            var (outcome, _) = await gateway.QueryAsync(token);
            stillAccepted += outcome == "401" ? 0 : 1;
        }

        Report.Table(
            $"{pairs:N0} login + logout pairs at one node ({url}, {concurrency} concurrent clients, HTTP/1.1 keep-alive)",
            ["measure", "value"],
            [
                ["logins", $"204×{logins.Of("204"):N0}; other: {logins.Except("204")}"],
                ["logouts", $"204×{logouts.Of("204"):N0}; other: {logouts.Except("204")}"],
                ["pairs/s", Report.Rate(done / seconds)],
                ["logout p50 / p99 / max ms", $"{Report.Ms(latencies.Percentile(50))} / {Report.Ms(latencies.Percentile(99))} / {Report.Ms(latencies.Max)}"],
                ["run time", $"{seconds:N0} s"],
                [$"of the last {recent.Count(t => t is not null)} tokens logged out, still accepted by GET query", $"{stillAccepted}"],
            ]);
        return done == pairs && stillAccepted == 0 ? 0 : 3;
    }
}
