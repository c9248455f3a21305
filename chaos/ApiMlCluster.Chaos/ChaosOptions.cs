using System.Globalization;

namespace ApiMlCluster.Chaos;

public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// What one chaos run does. <see cref="Duration"/> is the workload time the faults are spread over; recovering
/// from a fault can stretch the run beyond it, because every fault is followed by its checks.
/// </summary>
public sealed record ChaosOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(120);

    public int Faults { get; init; } = 4;

    public int Seed { get; init; } = 1;

    public StoreKind Store { get; init; } = StoreKind.Sqlite;

    /// <summary>Required with <see cref="StoreKind.Postgres"/>: scripts/chaos passes its private server's.</summary>
    public string? PostgresConnectionString { get; init; }

    public string? OutputDirectory { get; init; }

    public int Clients { get; init; } = 4;

    /// <summary>The command line as the operator typed it, for the report.</summary>
    public string CommandLine { get; init; } = "scripts/chaos";

    public const string Usage = "usage: scripts/chaos [--duration S] [--faults N] [--seed N] [--store sqlite|postgres] [--out DIR] [--clients N]";

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        // The connection string carries a password: it stays out of the command line the report shows.
        var shown = args.Where((a, i) => a != "--postgres" && (i == 0 || args[i - 1] != "--postgres"));
        var options = new ChaosOptions { CommandLine = string.Join(' ', shown.Prepend("scripts/chaos")) };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            int Number(int min, int max)
            {
                var name = args[i];
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? n
                    : throw new ArgumentException($"{name} must be a number from {min} to {max}, not '{text}'");
            }

            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number(10, 86_400)) },
                "--faults" => options with { Faults = Number(0, 1000) },
                "--seed" => options with { Seed = Number(0, int.MaxValue) },
                "--clients" => options with { Clients = Number(1, 64) },
                "--out" => options with { OutputDirectory = Value() },
                "--postgres" => options with { PostgresConnectionString = Value() },
                "--store" => options with
                {
                    Store = Value() switch
                    {
                        "sqlite" => StoreKind.Sqlite,
                        "postgres" or "postgresql" => StoreKind.Postgres,
                        var other => throw new ArgumentException($"--store is sqlite or postgres, not '{other}'"),
                    },
                },
                var other => throw new ArgumentException($"unknown option '{other}'. {Usage}"),
            };
        }

        if (options.Store == StoreKind.Postgres && string.IsNullOrEmpty(options.PostgresConnectionString))
        {
            throw new ArgumentException("--store postgres needs --postgres CONNECTION (scripts/chaos starts a private server and passes it)");
        }

        return options;
    }
}
