namespace ApiMlCluster.Bench;

/// <summary>The first argument picks the benchmark; results go to stdout as markdown tables, problems to stderr.</summary>
internal static class BenchCommandLine
{
    internal const string Usage = """
        usage:
          ApiMlCluster.Bench tokens
          ApiMlCluster.Bench passtickets
          ApiMlCluster.Bench pats
          ApiMlCluster.Bench revocation-memory
          ApiMlCluster.Bench audit [--records N]
          ApiMlCluster.Bench http --url https://localhost:PORT --ca FILE [--seconds N] [--concurrency C]
          ApiMlCluster.Bench volume --url https://localhost:PORT --ca FILE [--pairs N] [--concurrency C]
          ApiMlCluster.Bench window --urls URL1,URL2,URL3 --ca FILE [--count N]
          ApiMlCluster.Bench failover --urls SURVIVOR1,SURVIVOR2 --ca FILE --fault COMMAND [--fault-at S] [--seconds N] [--concurrency C] [--label TEXT] [--caching URL1,URL2 --keystore DIR]
          ApiMlCluster.Bench discovery load --url URL --keystore DIR [--seconds N] [--concurrency C1,C2]
          ApiMlCluster.Bench discovery visible --urls URL1,URL2,URL3 --keystore DIR [--count N]
          ApiMlCluster.Bench discovery fill --url URL --keystore DIR [--services S] [--per-service P] [--concurrency C] [--deadline SECONDS]
          ApiMlCluster.Bench discovery apps --urls URL1,URL2,URL3 --keystore DIR [--repeat N] [--expect INSTANCES] [--title TEXT]
          ApiMlCluster.Bench discovery restart --script scripts/cluster --config FILE --id ID --pid-file FILE --health URL --ca FILE --expect INSTANCES [--timeout SECONDS]
          ApiMlCluster.Bench caching load --url URL --keystore DIR [--seconds N] [--concurrency C1,C2] [--value-bytes B]
          ApiMlCluster.Bench caching fill --url URL --keystore DIR [--count N] [--concurrency C] [--deadline SECONDS] [--value-bytes B]
          ApiMlCluster.Bench caching memory [--entries N] [--value-bytes B]
          (URLs of discovery or caching ports; DIR is the cluster's <workspace>/keystore, whose local CA issues the client certificate)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            if (args[0] == "discovery")
            {
                return await DiscoveryCommandLine.RunAsync(args.Length > 1 ? args[1] : "", Options.Parse(args.AsSpan(2)));
            }

            if (args[0] == "caching")
            {
                return await CachingCommandLine.RunAsync(args.Length > 1 ? args[1] : "", Options.Parse(args.AsSpan(2)));
            }

            var options = Options.Parse(args.AsSpan(1));
            switch (args[0])
            {
                case "tokens":
                    options.AssertNone();
                    TokensBench.Run();
                    return 0;
                case "pats":
                    options.AssertNone();
                    PatBench.Run();
                    return 0;
                case "passtickets":
                    options.AssertNone();
                    PassTicketsBench.Run();
                    return 0;
                case "audit":
                    await AuditBench.RunAsync(options.Int("records", 20_000, 100, 1_000_000));
                    return 0;
                case "revocation-memory":
                    options.AssertNone();
                    RevocationMemoryBench.Run();
                    return 0;
                case "http":
                    return await HttpBench.RunAsync(
                        new Uri(options.Required("url")),
                        options.Required("ca"),
                        options.Int("seconds", 10, 1, 600),
                        options.Int("concurrency", 16, 1, 1024));
                case "volume":
                    return await VolumeBench.RunAsync(
                        new Uri(options.Required("url")),
                        options.Required("ca"),
                        options.Int("pairs", 1_000_000, 1, 10_000_000),
                        options.Int("concurrency", 16, 1, 1024));
                case "window":
                    return await WindowBench.RunAsync(
                        [.. options.Required("urls").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u))],
                        options.Required("ca"),
                        options.Int("count", 300, 8, 100_000));
                case "failover":
                    return await FailoverBench.RunAsync(
                        [.. options.Required("urls").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u))],
                        options.Required("ca"),
                        options.Int("seconds", 30, 5, 600),
                        options.Int("concurrency", 16, 1, 256),
                        options.Int("fault-at", 10, 1, 300),
                        options.Required("fault"),
                        options.Optional("label", "fault"),
                        [.. options.Optional("caching", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u))],
                        options.Optional("keystore", "") is { Length: > 0 } keystore ? keystore : null);
                default:
                    await Console.Error.WriteLineAsync($"unknown mode '{args[0]}'\n{Usage}");
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n{Usage}");
            return 2;
        }
    }

    internal sealed class Options
    {
        private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

        public static Options Parse(ReadOnlySpan<string> args)
        {
            var options = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"expected --name value, got '{args[i]}'");
                }

                options.values[args[i][2..]] = args[++i];
            }

            return options;
        }

        public void AssertNone()
        {
            if (values.Count > 0)
            {
                throw new ArgumentException($"this mode takes no options (got --{values.Keys.First()})");
            }
        }

        public string Required(string name) =>
            values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

        public string Optional(string name, string fallback) => values.GetValueOrDefault(name, fallback);

        public IReadOnlyList<Uri> Urls(string name) =>
            [.. Required(name).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u))];

        public IReadOnlyList<int> Ints(string name, string fallback, int min, int max)
        {
            var list = new List<int>();
            foreach (var text in Optional(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(text, out var value) || value < min || value > max)
                {
                    throw new ArgumentException($"--{name} must be integers in {min}..{max}, separated by commas");
                }

                list.Add(value);
            }

            return list.Count > 0 ? list : throw new ArgumentException($"--{name} needs at least one value");
        }

        public int Int(string name, int fallback, int min, int max)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            if (!int.TryParse(text, out var value) || value < min || value > max)
            {
                throw new ArgumentException($"--{name} must be an integer in {min}..{max}");
            }

            return value;
        }
    }
}
