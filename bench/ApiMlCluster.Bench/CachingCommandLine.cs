namespace ApiMlCluster.Bench;

/// <summary>The phases of the caching benchmark; bench/caching runs them against a node it starts.</summary>
internal static class CachingCommandLine
{
    public static async Task<int> RunAsync(string phase, BenchCommandLine.Options options)
    {
        switch (phase)
        {
            case "load":
                return await CachingLoadBench.RunAsync(
                    new Uri(options.Required("url")),
                    options.Required("keystore"),
                    options.Int("seconds", 10, 1, 600),
                    options.Ints("concurrency", "1,16", 1, 256),
                    options.Int("value-bytes", 64, 1, 32 * 1024));
            case "fill":
                return await CachingFillBench.RunAsync(
                    new Uri(options.Required("url")),
                    options.Required("keystore"),
                    options.Int("count", 1_000_000, 1, 10_000_000),
                    options.Int("concurrency", 32, 1, 256),
                    TimeSpan.FromSeconds(options.Int("deadline", 300, 1, 7200)),
                    options.Int("value-bytes", 64, 1, 32 * 1024));
            case "memory":
                CachingMemoryBench.Run(options.Int("entries", 1_000_000, 1, 10_000_000), options.Int("value-bytes", 64, 1, 32 * 1024));
                return 0;
            default:
                await Console.Error.WriteLineAsync($"unknown caching phase '{phase}'\n{BenchCommandLine.Usage}");
                return 2;
        }
    }
}
