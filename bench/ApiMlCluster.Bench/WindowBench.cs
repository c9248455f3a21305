using System.Diagnostics;

namespace ApiMlCluster.Bench;

/// <summary>
/// The logout→rejection window across nodes: log in at one node, log out at the next, and the moment the logout's 204
/// arrives ask every node about the token at once. Any answer but 401 means a node still accepted a logged-out token.
/// </summary>
internal static class WindowBench
{
    private const int Workers = 8;

    // When a node does accept a logged-out token, it is asked again every few ms to measure how long the window lasts.
    private static readonly TimeSpan RecheckFor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromMilliseconds(5);

    public static async Task<int> RunAsync(IReadOnlyList<Uri> urls, string caFile, int count)
    {
        if (urls.Count < 2)
        {
            await Console.Error.WriteLineAsync("window needs at least two node URLs");
            return 2;
        }

        using var client = Gateway.CreateClient(caFile, Workers * urls.Count + 4);
        var nodes = urls.Select(u => new Gateway(client, u)).ToList();
        foreach (var node in nodes)
        {
            var probe = await node.LoginAsync();
            if (probe.Token is null)
            {
                await Console.Error.WriteLineAsync($"login at {node.BaseUrl} answered {probe.Outcome}; is the cluster up with the dummy provider?");
                return 1;
            }
        }

        var watch = Stopwatch.StartNew();
        var sequential = new Window();
        for (var i = 0; i < count; i++)
        {
            await RepeatAsync(nodes, i, sequential);
        }

        sequential.Seconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        var perWorker = count / Workers;
        var results = await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var window = new Window();
            for (var j = 0; j < perWorker; j++)
            {
                await RepeatAsync(nodes, (w * perWorker) + j, window);
            }

            return window;
        })));
        var concurrent = new Window();
        foreach (var result in results)
        {
            concurrent.Add(result);
        }

        concurrent.Seconds = watch.Elapsed.TotalSeconds;

        Report.Table(
            $"Logout→rejection window across {nodes.Count} nodes (login at node i, logout at node i+1, then query at every node at once)",
            ["variant", "repetitions", "login failures", "logout answers", "queries after logout", "non-401 answers", "logout p50 ms", "logout p99 ms", "logout max ms", "query p50 ms", "repetitions/s"],
            [sequential.Row($"sequential ×{count}"), concurrent.Row($"{Workers} workers ×{perWorker}")]);

        foreach (var leak in sequential.Leaks.Concat(concurrent.Leaks))
        {
            Console.WriteLine($"- accepted after logout: {leak}");
        }

        return sequential.Accepted + concurrent.Accepted == 0 ? 0 : 3;
    }

    private static async Task RepeatAsync(IReadOnlyList<Gateway> nodes, int i, Window window)
    {
        window.Repetitions++;
        var (loginOutcome, token, _) = await nodes[i % nodes.Count].LoginAsync();
        if (token is null)
        {
            window.LoginFailures.Add(loginOutcome);
            return;
        }

        var logoutAt = (i + 1) % nodes.Count;
        var (logoutOutcome, logoutMs) = await nodes[logoutAt].LogoutAsync(token);
        window.Logouts.Add(logoutOutcome);
        if (logoutOutcome != "204")
        {
            return;
        }

        window.LogoutLatencies.Add(logoutMs);
        var answers = await Task.WhenAll(nodes.Select(node => node.QueryAsync(token)));
        for (var n = 0; n < nodes.Count; n++)
        {
            window.Queries.Add(answers[n].Outcome);
            window.QueryLatencies.Add(answers[n].Ms);
            if (answers[n].Outcome != "401")
            {
                window.Accepted++;
                var until = await RecheckAsync(nodes[n], token);
                window.Leaks.Add($"repetition {i}: login at node {i % nodes.Count}, logout at node {logoutAt}, node {n} answered {answers[n].Outcome}; {until}");
            }
        }
    }

    private static async Task<string> RecheckAsync(Gateway node, string token)
    {
        var start = Stopwatch.GetTimestamp();
        var maxTries = (int)(RecheckFor / RecheckEvery);
        for (var k = 0; k < maxTries && Stopwatch.GetElapsedTime(start) < RecheckFor; k++)
        {
            var (outcome, _) = await node.QueryAsync(token);
            if (outcome == "401")
            {
                return $"401 after a further {Stopwatch.GetElapsedTime(start).TotalMilliseconds:N1} ms";
            }

            await Task.Delay(RecheckEvery);
        }

        return $"still not 401 after {RecheckFor.TotalSeconds:N0} s";
    }

    private sealed class Window
    {
        public int Repetitions { get; set; }

        public Outcomes LoginFailures { get; } = new();

        public Outcomes Logouts { get; } = new();

        public Outcomes Queries { get; } = new();

        public Latencies LogoutLatencies { get; } = new();

        public Latencies QueryLatencies { get; } = new();

        public int Accepted { get; set; }

        public List<string> Leaks { get; } = [];

        public double Seconds { get; set; }

        public void Add(Window other)
        {
            Repetitions += other.Repetitions;
            LoginFailures.AddRange(other.LoginFailures);
            Logouts.AddRange(other.Logouts);
            Queries.AddRange(other.Queries);
            LogoutLatencies.AddRange(other.LogoutLatencies);
            QueryLatencies.AddRange(other.QueryLatencies);
            Accepted += other.Accepted;
            Leaks.AddRange(other.Leaks);
        }

        public string[] Row(string name) =>
        [
            name,
            Report.Count(Repetitions),
            LoginFailures.Total == 0 ? "0" : LoginFailures.Except(""),
            Logouts.Except(""),
            Report.Count(Queries.Total),
            Queries.Total == Queries.Of("401") ? "0" : $"{Queries.Total - Queries.Of("401"):N0} ({Queries.Except("401")})",
            Report.Ms(LogoutLatencies.Percentile(50)),
            Report.Ms(LogoutLatencies.Percentile(99)),
            Report.Ms(LogoutLatencies.Max),
            Report.Ms(QueryLatencies.Percentile(50)),
            Report.Fixed(Repetitions / Seconds, 1),
        ];
    }
}
