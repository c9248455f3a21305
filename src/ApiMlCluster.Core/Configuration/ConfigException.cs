namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// An operator error in zowe.yaml or on the command line. <see cref="Key"/> names the offending
/// key (dotted path, or the command-line option) so the message can be acted on without a stack trace.
/// </summary>
public sealed class ConfigException(string key, string problem)
    : Exception($"Invalid configuration '{key}': {problem}")
{
    public string Key { get; } = key;

    public string Problem { get; } = problem;
}
