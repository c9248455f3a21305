using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Chaos.Cluster;

/// <summary>
/// Three haInstances (lpar1..3) on this machine, driven through <c>scripts/cluster</c>. Each node's Akka remoting
/// binds one port and advertises another that a <see cref="TransportRelay"/> of this process listens on, so the
/// runner can cut the cluster links of one node while its HTTP ports stay reachable.
/// </summary>
internal sealed class ChaosCluster
{
    public const int Size = 3;
    public static readonly int[] Nodes = [1, 2, 3];
    private readonly int[] ports;
    private readonly TextWriter log;

    public ChaosCluster(string directory, ChaosOptions options, TextWriter log)
    {
        this.log = log;
        Directory = directory;
        ports = FreePorts.Take(5 * Size);
        ConfigFile = Path.Combine(directory, "zowe.yaml");
        File.WriteAllText(ConfigFile, Yaml(options));
    }

    public string Directory { get; }

    public string ConfigFile { get; }

    public string Workspace => Path.Combine(Directory, "workspace");

    public int GatewayPort(int node) => ports[5 * (node - 1)];

    public int DiscoveryPort(int node) => ports[(5 * (node - 1)) + 1];

    public int CachingPort(int node) => ports[(5 * (node - 1)) + 2];

    /// <summary>Where the node's remoting listens.</summary>
    public int RemotingBindPort(int node) => ports[(5 * (node - 1)) + 3];

    /// <summary>Where peers connect to reach the node: its relay.</summary>
    public int RemotingPublicPort(int node) => ports[(5 * (node - 1)) + 4];

    public static string Name(int node) => $"lpar{node}";

    public string LogFile(int node) => Path.Combine(Workspace, "logs", Name(node) + ".log");

    /// <summary>The pid scripts/cluster recorded for the node, if its pid file exists.</summary>
    public int? Pid(int node)
    {
        var file = Path.Combine(Workspace, "run", Name(node) + ".pid");
        try
        {
            return int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public bool IsRunning(int node) => Pid(node) is { } pid && File.Exists($"/proc/{pid}/cmdline")
        && File.ReadAllText($"/proc/{pid}/cmdline").Contains("ApiMlCluster.Node.dll", StringComparison.Ordinal);

    public static string RepositoryRoot
    {
        get
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "scripts", "cluster")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new InvalidOperationException("scripts/cluster not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Runs <c>scripts/cluster COMMAND [ID] --config zowe.yaml</c>; returns whether it succeeded.</summary>
    public async Task<bool> RunAsync(string command, int? node = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot, "scripts", "cluster"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(command);
        if (node is { } id)
        {
            start.ArgumentList.Add(Name(id));
        }

        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(ConfigFile);
        start.Environment["APIML_UP_TIMEOUT"] = "150";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // scripts/cluster only waits and signals pids it recorded; stopping it leaves the nodes to `down`.
            process.Kill();
            await log.WriteLineAsync($"scripts/cluster {command} did not finish");
            return false;
        }

        foreach (var line in ((await output) + (await error)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await log.WriteLineAsync($"  cluster {command}: {line}");
        }

        return process.ExitCode == 0;
    }

    /// <summary>A client certificate signed by the nodes' local CA, as <c>apiml certs new-service</c> issues it.</summary>
    public X509Certificate2 IssueCertificate(string commonName)
    {
        var output = Path.Combine(Directory, "certs-" + commonName);
        DevelopmentCertificates.IssueServiceCertificate(DevelopmentCertificates.KeystoreRoot(Workspace), commonName, [], output, TimeProvider.System);
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(output, commonName + ".pem"), Path.Combine(output, commonName + ".key"));
        // SslStream needs a certificate whose key it can use from a PKCS#12 blob on Linux.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2Collection Authority =>
        [X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Workspace, "keystore", "local_ca", "localca.cer"))];

    /// <summary>Each node's view of the members (haInstance → Up/Leaving/unreachable...), or null when it does not answer.</summary>
    public static async Task<IReadOnlyDictionary<string, string>?> MembersAsync(HttpClient client, int gatewayPort)
    {
        try
        {
            using var response = await client.GetAsync(new Uri($"https://localhost:{gatewayPort}/application/health"));
            var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return root.GetProperty("components").GetProperty("cluster").GetProperty("details").GetProperty("members").EnumerateArray()
                .ToDictionary(
                    m => m.GetProperty("haInstance").GetString() ?? "?",
                    m => m.GetProperty("reachable").GetBoolean() ? m.GetProperty("status").GetString() ?? "?" : "unreachable");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a stuck recovery looks like from outside, for the run's log: each node's health components and member
    /// view, and the warnings and errors at the end of each log. CI keeps only the test's output, not the node logs.
    /// </summary>
    public async Task<IReadOnlyList<string>> DiagnoseAsync(HttpClient client)
    {
        var lines = new List<string>();
        foreach (var node in Nodes)
        {
            lines.Add($"{Name(node)}: {(IsRunning(node) ? $"running (pid {Pid(node)})" : "not running")}; health {await HealthSummaryAsync(client, GatewayPort(node))}");
            var logFile = LogFile(node);
            if (!File.Exists(logFile))
            {
                continue;
            }

            var start = File.ReadLines(logFile).Select((line, i) => (line, i)).LastOrDefault(l => l.line.StartsWith("=== ", StringComparison.Ordinal)).i;
            foreach (var line in File.ReadLines(logFile).Skip(start).Where(l => l.Contains(" warn: ", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains(" crit: ", StringComparison.Ordinal)).TakeLast(12))
            {
                lines.Add("    " + (line.Length > 360 ? line[..360] + "…" : line));
            }
        }

        return lines;
    }

    private static async Task<string> HealthSummaryAsync(HttpClient client, int gatewayPort)
    {
        try
        {
            using var response = await client.GetAsync(new Uri($"https://localhost:{gatewayPort}/application/health"));
            var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var components = root.GetProperty("components").EnumerateObject().Select(c => $"{c.Name}={c.Value.GetProperty("status").GetString()}");
            var members = root.GetProperty("components").GetProperty("cluster").GetProperty("details").GetProperty("members").EnumerateArray()
                .Select(m => $"{m.GetProperty("haInstance").GetString()}:{m.GetProperty("status").GetString()}{(m.GetProperty("reachable").GetBoolean() ? string.Empty : "(unreachable)")}");
            return $"{root.GetProperty("status").GetString()} [{string.Join(' ', components)}] members [{string.Join(' ', members)}]";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "no answer (" + e.GetType().Name + ")";
        }
    }

    /// <summary>Waits until every node sees all three members Up and reachable.</summary>
    public async Task<bool> WaitConvergedAsync(HttpClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var all = true;
            foreach (var node in Nodes)
            {
                var members = await MembersAsync(client, GatewayPort(node));
                all &= members is not null && members.Count == Size && members.Values.All(s => s == "Up");
            }

            if (all)
            {
                return true;
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }

    private string Yaml(ChaosOptions options)
    {
        var persistence = options.Store == StoreKind.Postgres
            ? $"{{ provider: postgresql, connectionString: {JsonSerializer.Serialize(options.PostgresConnectionString)} }}"
            : "{ provider: sqlite }";
        var text = new StringBuilder($$"""
            # Written by the chaos runner: three haInstances whose remoting peers connect through the runner's relays.
            zowe:
              workspaceDirectory: workspace
              externalDomains: [localhost]
              network:
                server:
                  listenAddresses: [127.0.0.1]
            components:
              gateway:
                apiml:
                  security:
                    auth: { provider: dummy }
                    personalAccessToken: { enabled: true }
                    # The workload logs in from one address far faster than any person.
                    rateLimit: { login: { capacity: 0 }, accessToken: { capacity: 0 } }
              # The workload's registrations hold hour-long leases (no eviction may hide a lost write) and one
              # certificate registers all of them.
              discovery:
                apiml:
                  security:
                    registration: { maxLeaseSeconds: 3600, maxInstancesPerService: 100000, maxInstancesPerCertificate: 100000 }
            cluster:
              name: apiml-chaos
              failover: fast
              persistence: {{persistence}}
            haInstances:

            """);
        foreach (var node in Nodes)
        {
            text.Append($$"""
                  {{Name(node)}}:
                    hostname: localhost
                    components:
                      gateway: { port: {{GatewayPort(node)}} }
                      discovery: { port: {{DiscoveryPort(node)}} }
                      caching-service: { port: {{CachingPort(node)}} }
                    cluster: { port: {{RemotingPublicPort(node)}}, bindPort: {{RemotingBindPort(node)}} }

                """);
        }

        return text.ToString();
    }
}
