using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Cluster.Tests;

/// <summary>
/// Drives <c>scripts/cluster</c> for one generated three-node zowe.yaml and reads each node's health over HTTPS,
/// trusting only the local CA the nodes generated. Disposing stops every node it started, by pid file.
/// </summary>
internal sealed class ClusterScript : IDisposable
{
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(12);
    private HttpClient? client;
    private HttpClient? healthClient;

    public ClusterScript()
    {
        ConfigFile = temp.WriteFile("zowe.yaml", ZoweYaml.ThreeNodes(ports, clusterName: "apiml-proc"));
    }

    public string ConfigFile { get; }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "scripts", "cluster")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("scripts/cluster not found above " + AppContext.BaseDirectory);
        }
    }

    public int GatewayPort(int instance) => ports[4 * (instance - 1)];

    public int DiscoveryPort(int instance) => ports[(4 * (instance - 1)) + 1];

    public int CachingPort(int instance) => ports[(4 * (instance - 1)) + 2];

    /// <summary>The workspace the three nodes share (keystore with the local CA, logs, pid files).</summary>
    public string Workspace => Path.Combine(temp.Root, "workspace");

    public string LogFile(int instance) => Path.Combine(Workspace, "logs", $"lpar{instance}.log");

    /// <summary>A client certificate signed by the nodes' local CA, as <c>apiml certs new-service</c> issues it.</summary>
    public X509Certificate2 IssueClientCertificate(string commonName)
    {
        var output = Path.Combine(temp.Root, "client-" + commonName);
        DevelopmentCertificates.IssueServiceCertificate(DevelopmentCertificates.KeystoreRoot(Workspace), commonName, [], output, TimeProvider.System);
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(output, commonName + ".pem"), Path.Combine(output, commonName + ".key"));
        // SslStream needs a certificate whose key it can use from a PKCS#12 blob on Linux.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    public (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot, "scripts", "cluster"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Append("--config").Append(ConfigFile))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["APIML_UP_TIMEOUT"] = "120";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill();
            throw new TimeoutException($"scripts/cluster {string.Join(' ', arguments)} did not finish");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>The health document of lpar<paramref name="instance"/>, or null while it does not answer.</summary>
    public async Task<JsonElement?> HealthAsync(int instance)
    {
        try
        {
            // Health details (members, components) are for authenticated callers; a trusted certificate is one.
            healthClient ??= CreateClient(TimeSpan.FromSeconds(3), IssueClientCertificate("cluster-test-health"));
            using var response = await healthClient.GetAsync($"https://localhost:{GatewayPort(instance)}/application/health");
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public static IReadOnlyDictionary<string, string> Members(JsonElement health) =>
        health.GetProperty("components").GetProperty("cluster").GetProperty("details").GetProperty("members").EnumerateArray()
            .ToDictionary(m => m.GetProperty("haInstance").GetString()!, m => m.GetProperty("reachable").GetBoolean() ? m.GetProperty("status").GetString()! : "unreachable");

    public static IEnumerable<(string HaInstance, string PreviousStatus)> RecentlyRemoved(JsonElement health) =>
        health.GetProperty("components").GetProperty("cluster").GetProperty("details").GetProperty("recentlyRemoved").EnumerateArray()
            .Select(r => (r.GetProperty("haInstance").GetString()!, r.GetProperty("previousStatus").GetString()!));

    public async Task<JsonElement> WaitForAsync(int instance, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await HealthAsync(instance);
            if (last is { } health && condition(health))
            {
                return health;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"lpar{instance} health did not reach the expected state within {timeout}; last: {last}");
    }

    public void Dispose()
    {
        client?.Dispose();
        healthClient?.Dispose();
        Run("down");
        temp.Dispose();
    }

    public HttpClient Client => client ??= CreateClient(TimeSpan.FromSeconds(3));

    /// <summary>A client trusting the nodes' local CA, presenting <paramref name="clientCertificate"/> when given; the caller disposes it.</summary>
    public HttpClient CreateClient(TimeSpan timeout, X509Certificate2? clientCertificate = null)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Workspace, "keystore", "local_ca", "localca.cer"));
        return TrustingClient.Create([authority], timeout, clientCertificate);
    }
}
