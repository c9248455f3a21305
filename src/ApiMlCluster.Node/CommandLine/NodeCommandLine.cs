using ApiMlCluster.Auth.Providers.FileStore;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Hosting;

namespace ApiMlCluster.Node.CommandLine;

/// <summary>
/// The node executable's commands (wrapped by scripts/apiml):
/// <c>start</c>, <c>config</c>, <c>certs</c> and <c>users</c>.
/// </summary>
internal static class NodeCommandLine
{
    public const int ConfigErrorExitCode = 2;

    private const string Usage = """
        usage:
          apiml start [--config FILE] [--ha-instance ID]
          apiml config effective [--config FILE] [--ha-instance ID] [--show-secrets]
          apiml config instances [--config FILE]
          apiml certs new-service --cn NAME --out DIR [--san NAME,IP,...] [--config FILE] [--ha-instance ID]
          apiml certs fingerprint [--config FILE] [--ha-instance ID]   (the node key's SHA-256, for cluster.tls.peerFingerprints)
          apiml users add|passwd|remove USER [--config FILE] [--ha-instance ID]   (password read from stdin)
          apiml users list [--config FILE] [--ha-instance ID]

        --config defaults to $APIML_CONFIG; --ha-instance to $ZWE_CLI_PARAMETER_HA_INSTANCE.
        A configuration with haInstances needs --ha-instance; one without describes a single node.
        """;

    private static readonly HashSet<string> Flags = ["--show-secrets", "--help"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var arguments = CommandArguments.Parse(args, Flags);
            switch (arguments.Words)
            {
                case ["start"]:
                    arguments.RejectUnknown("--config", "--ha-instance");
                    return await NodeApplication.RunAsync(LoadConfig(arguments), cancellationToken);
                case ["config", "effective"]:
                    arguments.RejectUnknown("--config", "--ha-instance", "--show-secrets");
                    await output.WriteAsync(EffectiveConfigPrinter.Render(LoadConfig(arguments), arguments.Flag("--show-secrets")));
                    return 0;
                case ["config", "instances"]:
                    arguments.RejectUnknown("--config");
                    await output.WriteAsync(InstanceTable(arguments));
                    return 0;
                case ["certs", "new-service"]:
                    arguments.RejectUnknown("--config", "--ha-instance", "--cn", "--out", "--san");
                    return NewServiceCertificate(arguments, output);
                case ["certs", "fingerprint"]:
                    arguments.RejectUnknown("--config", "--ha-instance");
                    await output.WriteLineAsync(NodeFingerprint(LoadConfig(arguments)));
                    return 0;
                case ["users", ..]:
                    arguments.RejectUnknown("--config", "--ha-instance");
                    return UsersCommand.Run(arguments.Words, LoadConfig(arguments).Auth.UsersFile, Console.In, output, error);
                case [] or ["help"]:
                    await output.WriteLineAsync(Usage);
                    return args.Length == 0 ? ConfigErrorExitCode : 0;
                default:
                    throw new UsageException($"unknown command '{string.Join(' ', arguments.Words)}'");
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"apiml: {e.Message}\n{Usage}");
            return ConfigErrorExitCode;
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync($"apiml: {e.Message}");
            return ConfigErrorExitCode;
        }
    }

    private static NodeConfig LoadConfig(CommandArguments arguments)
    {
        var instance = arguments.Option("--ha-instance") ?? Environment.GetEnvironmentVariable("ZWE_CLI_PARAMETER_HA_INSTANCE");
        return ZoweConfigLoader.Load(ConfigFile(arguments), instance);
    }

    private static string ConfigFile(CommandArguments arguments) =>
        arguments.Option("--config") ?? Environment.GetEnvironmentVariable("APIML_CONFIG")
            ?? throw new UsageException("--config is required (or set APIML_CONFIG)");

    /// <summary>
    /// One tab-separated line per node of the configuration (id, health URL, workspace, CA file), for scripts/cluster.
    /// A single-node configuration yields one line with the id "-".
    /// </summary>
    private static string InstanceTable(CommandArguments arguments)
    {
        var lines = ZoweConfigLoader.LoadAll(ConfigFile(arguments)).Select(node =>
        {
            var port = KestrelListeners.EnabledComponents(node).First().Port;
            var ca = node.Certificate.IsGenerated ? LocalCertificateAuthority.CertificatePath(DevelopmentCertificates.KeystoreRoot(node.WorkspaceDirectory)) : "-";
            return $"{node.HaInstanceId ?? "-"}\thttps://{node.Hostname}:{port}/application/health\t{node.WorkspaceDirectory}\t{ca}\n";
        });
        return string.Concat(lines);
    }

    private static string NodeFingerprint(NodeConfig config)
    {
        using var tls = TlsMaterialLoader.Load(config.Certificate);
        return PublicKeyFingerprint.Of(tls.ServerCertificate);
    }

    private static int NewServiceCertificate(CommandArguments arguments, TextWriter output)
    {
        var commonName = arguments.RequiredOption("--cn");
        var directory = Path.GetFullPath(arguments.RequiredOption("--out"));
        var sans = (arguments.Option("--san") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var config = LoadConfig(arguments);
        var root = DevelopmentCertificates.KeystoreRoot(config.WorkspaceDirectory);
        if (!File.Exists(LocalCertificateAuthority.KeystorePath(root)))
        {
            throw new ConfigException("zowe.workspaceDirectory", $"no local CA at {LocalCertificateAuthority.KeystorePath(root)}; start a node with this configuration once to create it");
        }

        DevelopmentCertificates.IssueServiceCertificate(root, commonName, sans, directory, TimeProvider.System);
        output.WriteLine($"issued certificate CN={commonName} signed by the local CA into {directory}");
        return 0;
    }
}
