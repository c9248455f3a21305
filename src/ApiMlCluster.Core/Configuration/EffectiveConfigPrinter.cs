using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// Renders a node's effective configuration as YAML: the merged tree plus what the node derives from it
/// (ha-instance id and hostname, seed nodes). Secrets are masked unless explicitly requested.
/// </summary>
public static partial class EffectiveConfigPrinter
{
    private const string Mask = "********";

    public static string Render(NodeConfig config, bool showSecrets)
    {
        var document = new ConfigMap
        {
            ["haInstance"] = new ConfigMap
            {
                ["id"] = config.HaInstanceId,
                ["hostname"] = config.Hostname,
            },
            ["derived"] = new ConfigMap
            {
                ["workspaceDirectory"] = config.WorkspaceDirectory,
                ["generatedCertificates"] = config.Certificate.IsGenerated ? "true" : "false",
                ["persistence"] = config.Cluster.Persistence.Provider.ToString().ToLowerInvariant(),
                ["seedNodes"] = config.Peers.Select(p => (object?)p.AkkaAddress(config.Cluster.Name)).ToList(),
            },
        };
        foreach (var (key, value) in config.Effective)
        {
            document[key] = showSecrets ? value : MaskSecrets(key, value);
        }

        var header = $"# effective configuration of {(config.HaInstanceId is null ? "a single node" : $"haInstance '{config.HaInstanceId}'")} from {config.ConfigFile}\n";
        return header + new SerializerBuilder().Build().Serialize(document);
    }

    private static object? MaskSecrets(string key, object? value) => value switch
    {
        ConfigMap map => new ConfigMap(map.Select(e => KeyValuePair.Create(e.Key, MaskSecrets(e.Key, e.Value)))),
        List<object?> list => list.Select(item => MaskSecrets(key, item)).ToList(),
        string s when (key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("secret", StringComparison.OrdinalIgnoreCase)) && s.Length > 0 => Mask,
        string s when key.Contains("connectionString", StringComparison.OrdinalIgnoreCase) => PasswordInConnectionString().Replace(s, $"$1{Mask}"),
        _ => value,
    };

    [GeneratedRegex(@"((?:^|;)\s*(?:password|pwd)\s*=)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInConnectionString();
}
