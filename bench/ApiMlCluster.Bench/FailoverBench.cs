using System.Diagnostics;

namespace ApiMlCluster.Bench;

/// <summary>
/// Logins and logouts through a node fault, as clients with several gateway addresses see them: C clients log in at one
/// survivor and log out at the other, each call with a 2 s client timeout and one retry at the other survivor. At
/// <c>--fault-at</c> the fault command runs (a SIGKILL or SIGTERM of the third node through scripts/cluster). Reported:
/// operations that failed even after the retry, latencies before and after the fault, and afterwards whether every
/// survivor rejects every token whose logout was acknowledged.
/// </summary>
internal static class FailoverBench
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan CacheOutage = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(IReadOnlyList<Uri> survivors, string caFile, int seconds, int concurrency, int faultAt, string fault, string label, IReadOnlyList<Uri> caches, string? keystore)
    {
        using var client = Gateway.CreateClient(caFile, concurrency + 4);
        client.Timeout = ClientTimeout;
        var nodes = survivors.Select(u => new Gateway(client, u)).ToList();
        using var cacheClient = keystore is null ? null : DiscoveryNode.CreateClient(keystore, concurrency + 4);
        if (cacheClient is not null)
        {
            cacheClient.Timeout = ClientTimeout;
        }

        var cacheNodes = cacheClient is null ? [] : caches.Select(u => new CachingNode(cacheClient, u)).ToList();
        var start = Stopwatch.GetTimestamp();
        var faultTime = double.NaN;
        var faultTask = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(faultAt));
            faultTime = Stopwatch.GetElapsedTime(start).TotalSeconds;
            using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", fault]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode;
        });

        var loops = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var loop = new Loop();
            for (var n = 0; Stopwatch.GetElapsedTime(start).TotalSeconds < seconds; n++)
            {
                var first = (i + n) % nodes.Count;
                var t = Stopwatch.GetElapsedTime(start).TotalSeconds;
                var (token, loginMs) = await LoginAsync(nodes, first);
                loop.Record("login", t, token is not null, loginMs, faultTime);
                if (cacheNodes.Count > 0)
                {
                    var key = $"failover-{i}-{n}";
                    t = Stopwatch.GetElapsedTime(start).TotalSeconds;
                    var (created, createMs) = await CacheWriteAsync(cacheNodes, first, node => node.CreateAsync(key, "one"), "201");
                    loop.Record("cache create", t, created, createMs, faultTime);
                    if (created)
                    {
                        t = Stopwatch.GetElapsedTime(start).TotalSeconds;
                        var (updated, updateMs) = await CacheWriteAsync(cacheNodes, first + 1, node => node.UpdateAsync(key, "two"), "204");
                        loop.Record("cache update", t, updated, updateMs, faultTime);
                    }
                }

                if (token is null)
                {
                    continue;
                }

                t = Stopwatch.GetElapsedTime(start).TotalSeconds;
                var (ok, logoutMs) = await LogoutAsync(nodes, (first + 1) % nodes.Count, token);
                loop.Record("logout", t, ok, logoutMs, faultTime);
                if (ok)
                {
                    loop.LoggedOut.Add(token);
                }
            }

            return loop;
        })));
        var faultExit = await faultTask;

        // Every acknowledged logout must be in effect at every survivor (with a patient client: this checks state, not speed).
        using var patient = Gateway.CreateClient(caFile, 68);
        patient.Timeout = TimeSpan.FromSeconds(30);
        var loggedOut = loops.SelectMany(l => l.LoggedOut).ToList();
        var stale = 0;
        foreach (var node in survivors.Select(u => new Gateway(patient, u)))
        {
            foreach (var batch in loggedOut.Chunk(64))
            {
                var answers = await Task.WhenAll(batch.Select(node.QueryAsync));
                stale += answers.Count(a => a.Outcome != "401");
            }
        }

        var rows = new List<string[]>();
        foreach (var kind in cacheNodes.Count > 0 ? new[] { "login", "logout", "cache create", "cache update" } : ["login", "logout"])
        {
            foreach (var (phase, after) in new[] { ("before the fault", false), ("after the fault", true) })
            {
                var done = loops.Sum(l => l.Count(kind, after, ok: true));
                var failed = loops.Sum(l => l.Count(kind, after, ok: false));
                var latencies = new Latencies();
                foreach (var l in loops)
                {
                    latencies.AddRange(l.LatenciesOf(kind, after));
                }

                var failedAt = loops.SelectMany(l => l.FailureTimes(kind, after)).ToList();
                var window = failedAt.Count == 0 ? "-" : $"{failedAt.Min() - faultTime:F1} to {failedAt.Max() - faultTime:F1} s";
                rows.Add([kind, phase, Report.Count(done), Report.Count(failed), window, Report.Ms(latencies.Percentile(50)), Report.Ms(latencies.Percentile(99)), Report.Ms(latencies.Percentile(100))]);
            }
        }

        Report.Table(
            $"{label}: {concurrency} clients on {string.Join(", ", survivors)}, {seconds} s, fault at {faultTime:F1} s (exit {faultExit}); 2 s client timeout, one retry at the other survivor",
            ["operation", "phase", "succeeded", "failed after the retry", "failures started (after the fault)", "p50 ms", "p99 ms", "max ms"],
            rows);
        Report.Table(
            $"{label}: acknowledged logouts afterwards",
            ["logged-out tokens", "survivors asked", "answers other than 401"],
            [[Report.Count(loggedOut.Count), Report.Count(nodes.Count), Report.Count(stale)]]);
        // The target: no login or logout fails; a single-owner cache write fails only within 3 s of the fault.
        var late = loops.Sum(l => l.FailureTimes("login", true).Count() + l.FailureTimes("logout", true).Count()
            + l.FailureTimes("cache create", true).Concat(l.FailureTimes("cache update", true)).Count(t => t - faultTime > CacheOutage.TotalSeconds));
        var before = loops.Sum(l => new[] { "login", "logout", "cache create", "cache update" }.Sum(k => l.FailureTimes(k, false).Count()));
        return faultExit == 0 && stale == 0 && late == 0 && before == 0 ? 0 : 1;
    }

    private static async Task<(string? Token, double Ms)> LoginAsync(IReadOnlyList<Gateway> nodes, int first)
    {
        var watch = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (outcome, token, _) = await nodes[(first + attempt) % nodes.Count].LoginAsync();
            if (outcome == "204" && token is not null)
            {
                return (token, watch.Elapsed.TotalMilliseconds);
            }
        }

        return (null, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>A create answered 409 on its retry was stored by the first attempt; an update is idempotent.</summary>
    private static async Task<(bool Ok, double Ms)> CacheWriteAsync(IReadOnlyList<CachingNode> nodes, int first, Func<CachingNode, Task<(string Outcome, double Ms)>> write, string expected)
    {
        var watch = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (outcome, _) = await write(nodes[(first + attempt) % nodes.Count]);
            if (outcome == expected || (attempt > 0 && expected == "201" && outcome == "409"))
            {
                return (true, watch.Elapsed.TotalMilliseconds);
            }
        }

        return (false, watch.Elapsed.TotalMilliseconds);
    }

    private static async Task<(bool Ok, double Ms)> LogoutAsync(IReadOnlyList<Gateway> nodes, int first, string token)
    {
        var watch = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (outcome, _) = await nodes[(first + attempt) % nodes.Count].LogoutAsync(token);
            // A retry finding the token revoked means the first attempt was recorded after all.
            if (outcome == "204" || (attempt > 0 && outcome == "401"))
            {
                return (true, watch.Elapsed.TotalMilliseconds);
            }
        }

        return (false, watch.Elapsed.TotalMilliseconds);
    }

    private sealed class Loop
    {
        private readonly List<(string Kind, double T, bool After, bool Ok, double Ms)> records = [];

        public List<string> LoggedOut { get; } = [];

        public void Record(string kind, double t, bool ok, double ms, double faultTime) =>
            records.Add((kind, t, !double.IsNaN(faultTime) && t >= faultTime, ok, ms));

        public IEnumerable<double> FailureTimes(string kind, bool after) =>
            records.Where(r => r.Kind == kind && r.After == after && !r.Ok).Select(r => r.T);

        public long Count(string kind, bool after, bool ok) => records.Count(r => r.Kind == kind && r.After == after && r.Ok == ok);

        public Latencies LatenciesOf(string kind, bool after)
        {
            var latencies = new Latencies();
            foreach (var r in records.Where(r => r.Kind == kind && r.After == after && r.Ok))
            {
                latencies.Add(r.Ms);
            }

            return latencies;
        }
    }
}
