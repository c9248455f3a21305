namespace ApiMlCluster.Bench;

/// <summary>The phases of the discovery benchmark; bench/discovery runs them against a three-node cluster it starts.</summary>
internal static class DiscoveryCommandLine
{
    public static async Task<int> RunAsync(string phase, BenchCommandLine.Options options)
    {
        switch (phase)
        {
            case "load":
                return await DiscoveryLoadBench.RunAsync(
                    new Uri(options.Required("url")),
                    options.Required("keystore"),
                    options.Int("seconds", 10, 1, 600),
                    options.Ints("concurrency", "1,16", 1, 256));
            case "visible":
                return await VisibilityBench.RunAsync(options.Urls("urls"), options.Required("keystore"), options.Int("count", 50, 1, 10_000));
            case "fill":
                return await RegistryFillBench.RunAsync(
                    new Uri(options.Required("url")),
                    options.Required("keystore"),
                    options.Int("services", 1000, 1, 100_000),
                    options.Int("per-service", 10, 1, 1000),
                    options.Int("concurrency", 16, 1, 256),
                    TimeSpan.FromSeconds(options.Int("deadline", 240, 1, 3600)));
            case "apps":
                return await AppsBench.RunAsync(
                    options.Urls("urls"),
                    options.Required("keystore"),
                    options.Int("repeat", 5, 1, 1000),
                    options.Int("expect", -1, -1, 10_000_000),
                    options.Optional("title", "Full registry"));
            case "restart":
                return await RestartBench.RunAsync(
                    options.Required("script"),
                    options.Required("config"),
                    options.Required("id"),
                    options.Required("pid-file"),
                    new Uri(options.Required("health")),
                    options.Required("ca"),
                    options.Int("expect", 0, 0, 10_000_000),
                    TimeSpan.FromSeconds(options.Int("timeout", 180, 1, 600)));
            default:
                await Console.Error.WriteLineAsync($"unknown discovery phase '{phase}'\n{BenchCommandLine.Usage}");
                return 2;
        }
    }
}
