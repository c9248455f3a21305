namespace ApiMlCluster.Node.CommandLine;

/// <summary>Words and <c>--name value</c> options of one invocation; flags have no value.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);

    private CommandArguments(IReadOnlyList<string> words) => Words = words;

    public IReadOnlyList<string> Words { get; }

    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        var words = new List<string>();
        var parsed = new CommandArguments(words);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parsed.options[arg[..equals]] = arg[(equals + 1)..];
            }
            else if (flags.Contains(arg))
            {
                parsed.options[arg] = null;
            }
            else if (i + 1 < args.Count)
            {
                parsed.options[arg] = args[++i];
            }
            else
            {
                throw new UsageException($"option {arg} needs a value");
            }
        }

        return parsed;
    }

    public string? Option(string name) => options.GetValueOrDefault(name);

    public string RequiredOption(string name) => Option(name) ?? throw new UsageException($"option {name} is required");

    public bool Flag(string name) => options.ContainsKey(name);

    public void RejectUnknown(params string[] known)
    {
        var unknown = options.Keys.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option {unknown[0]}");
        }
    }
}

internal sealed class UsageException(string message) : Exception(message);
