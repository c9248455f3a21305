namespace ApiMlCluster.Bench;

/// <summary>The first argument picks the benchmark; results go to stdout as markdown tables, problems to stderr.</summary>
internal static class BenchCommandLine
{
    private const string Usage = """
        usage:
          ApiMlCluster.Bench tokens
          ApiMlCluster.Bench revocation-memory
          ApiMlCluster.Bench http --url https://localhost:PORT --ca FILE [--seconds N] [--concurrency C]
          ApiMlCluster.Bench window --urls URL1,URL2,URL3 --ca FILE [--count N]
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
            var options = Options.Parse(args.AsSpan(1));
            switch (args[0])
            {
                case "tokens":
                    options.AssertNone();
                    TokensBench.Run();
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
                case "window":
                    return await WindowBench.RunAsync(
                        [.. options.Required("urls").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u))],
                        options.Required("ca"),
                        options.Int("count", 300, 8, 100_000));
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

    private sealed class Options
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
