namespace ApiMlCluster.Bench;

/// <summary>
/// Throughput of one running node's auth API under C concurrent clients: logins (provider check, RS256 signature,
/// no journal write for the dummy provider), token checks (GET query: validation, revocation lookup, JSON answer) and
/// logouts (a durable revocation confirmed by every node).
/// </summary>
internal static class HttpBench
{
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
        var logins = await TimedLoops.RunAsync(concurrency, duration, "204",
            async _ => await gateway.LoginAsync(),
            async _ =>
            {
                var (outcome, _, ms) = await gateway.LoginAsync();
                return (outcome, ms);
            });

        var tokens = new string?[concurrency];
        var queries = await TimedLoops.RunAsync(concurrency, duration, "200",
            async i => tokens[i] = (await gateway.LoginAsync()).Token,
            i => tokens[i] is { } token ? gateway.QueryAsync(token) : Task.FromResult(("no token", 0.0)));

        // Each logout needs a token of its own: the loop logs in, then logs out, and times the logout. The rate is of
        // pairs, so logouts/s alone is at least this.
        var logouts = await TimedLoops.RunAsync(concurrency, duration, "204",
            async _ => await gateway.LoginAsync(),
            async _ =>
            {
                var (outcome, token, _) = await gateway.LoginAsync();
                return token is null ? (outcome, 0.0) : await gateway.LogoutAsync(token);
            });

        Report.Table(
            $"Auth API of one node ({url}, {concurrency} concurrent {(concurrency == 1 ? "client" : "clients")}, {seconds} s each, HTTP/1.1 keep-alive)",
            ["phase", "requests", "expected", "other answers", "expected/s", "p50 ms", "p99 ms", "max ms"],
            [logins.Row("POST login (Basic user:user)"), queries.Row("GET query (cookie)"), logouts.Row("POST logout (each after its own login; pairs/s)")]);
        return logins.Outcomes.Of("204") > 0 && queries.Outcomes.Of("200") > 0 && logouts.Outcomes.Of("204") > 0 ? 0 : 1;
    }
}
