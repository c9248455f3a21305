using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Discovery;

/// <summary>
/// eureka-js-client 4.5.0 (npm), a Eureka client nobody here wrote, registers, renews, fetches the registry and
/// cancels against one real node's discovery port over TLS with a client certificate. What it did is checked
/// through the node's own Eureka API. Needs Node.js and <c>tests/eureka-js-client/node_modules</c> (scripts/test).
/// </summary>
public sealed class EurekaJsClientTests : IAsyncLifetime
{
    private const string ServiceId = "jsclient";
    private const string App = "JSCLIENT";
    private const int InstancePort = 10077;
    private const string InstanceId = "localhost:jsclient:10077";
    private const int HeartbeatMs = 1000;

    /// <summary>The lease the driver asks for: short, so that missing renewals would show within a test.</summary>
    private const int LeaseSeconds = 3;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(4);
    private RunningNode node = null!;
    private HttpClient eureka = null!;
    private EurekaJsDriver? driver;

    private int DiscoveryPort => ports[1];

    public async Task InitializeAsync()
    {
        node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports)), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        eureka = TrustingClient.Create(TrustAnchors, TimeSpan.FromSeconds(20), ServiceCertificates.IssueTrusted(node.Config, temp, "eureka-checker"));
    }

    public async Task DisposeAsync()
    {
        driver?.Dispose();
        eureka.Dispose();
        await node.DisposeAsync();
        temp.Dispose();
    }

    private X509Certificate2Collection TrustAnchors => node.Services.GetRequiredService<TlsMaterial>().TrustAnchors;

    [Fact]
    public async Task Register_EurekaJsClient_IsListedWithTheFieldsItSent()
    {
        driver = StartDriver(ServiceCertificates.IssueTrusted(node.Config, temp, ServiceId));

        await driver.WaitForAsync("registered", Patience);
        var instance = await InstanceAsync();

        Assert.NotNull(instance);
        var listed = instance.Value;
        Assert.Equal(
            (InstanceId, App, "localhost", "127.0.0.1", "UP", ServiceId, ServiceId),
            (Text(listed, "instanceId"), Text(listed, "app"), Text(listed, "hostName"), Text(listed, "ipAddr"), Text(listed, "status"), Text(listed, "vipAddress"), Text(listed, "secureVipAddress")));
        Assert.Equal((InstancePort, true, InstancePort, false), (Port(listed, "securePort"), Enabled(listed, "securePort"), Port(listed, "port"), Enabled(listed, "port")));
        Assert.Equal(("MyOwn", $"https://localhost:{InstancePort}/"), (listed.GetProperty("dataCenterInfo").GetProperty("name").GetString(), Text(listed, "homePageUrl")));
        var metadata = listed.GetProperty("metadata");
        Assert.Equal(("api/v1", $"/{ServiceId}/api/v1", "eureka-js-client driver"),
            (Text(metadata, "apiml.routes.api-v1.gatewayUrl"), Text(metadata, "apiml.routes.api-v1.serviceUrl"), Text(metadata, "apiml.service.title")));
    }

    [Fact]
    public async Task Heartbeat_EurekaJsClient_KeepsTheInstanceListedWellBeyondItsLease()
    {
        // Renewals are not journaled nor replicated, so lastRenewalTimestamp in the read model stays at the
        // registration time; that the instance outlives several of its short leases shows the server renewed them.
        driver = StartDriver(ServiceCertificates.IssueTrusted(node.Config, temp, ServiceId));
        await driver.WaitForAsync("registered", Patience);
        var registeredAt = DateTime.UtcNow;

        await driver.WaitForCountAsync("heartbeat", 3 * LeaseSeconds + 1, Patience);
        var instance = await InstanceAsync();

        Assert.True(DateTime.UtcNow - registeredAt > TimeSpan.FromSeconds(3 * LeaseSeconds), "the heartbeats came faster than asked");
        Assert.True(instance is not null, "evicted despite the heartbeats; " + driver.Transcript());
        Assert.Equal(LeaseSeconds, instance.Value.GetProperty("leaseInfo").GetProperty("durationInSecs").GetInt32());
        Assert.True(driver.Count("registered") == 1, "a heartbeat was refused (404) and the client registered again; " + driver.Transcript());
    }

    [Fact]
    public async Task Eviction_EurekaJsClientKilledWithoutCancel_RemovesTheInstanceAfterItsLease()
    {
        driver = StartDriver(ServiceCertificates.IssueTrusted(node.Config, temp, ServiceId));
        await driver.WaitForAsync("registered", Patience);
        Assert.NotNull(await InstanceAsync());

        driver.Kill();

        var deadline = DateTime.UtcNow + Patience;
        while (await InstanceAsync() is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal(HttpStatusCode.NotFound, await ApplicationStatusAsync());
    }

    [Fact]
    public async Task FetchRegistry_EurekaJsClient_ParsesTheAppsDocumentAndFindsItsOwnInstance()
    {
        driver = StartDriver(ServiceCertificates.IssueTrusted(node.Config, temp, ServiceId));

        var update = await driver.WaitForAsync("registryUpdated", Patience, e => e.GetProperty("instances").GetArrayLength() > 0);

        var seen = update.GetProperty("instances").EnumerateArray().Single();
        Assert.Equal((InstanceId, App, "UP", ServiceId, "api/v1"),
            (Text(seen, "instanceId"), Text(seen, "app"), Text(seen, "status"), Text(seen, "vipAddress"), Text(seen.GetProperty("metadata"), "apiml.routes.api-v1.gatewayUrl")));
        Assert.Equal(InstancePort, Port(seen, "securePort"));
    }

    [Fact]
    public async Task Stop_EurekaJsClient_CancelsTheInstanceAndExitsZero()
    {
        driver = StartDriver(ServiceCertificates.IssueTrusted(node.Config, temp, ServiceId));
        await driver.WaitForAsync("registered", Patience);
        Assert.NotNull(await InstanceAsync());

        var exitCode = await driver.StopAsync(Patience);

        Assert.True(exitCode == 0, $"exit code {exitCode}; {driver.Transcript()}");
        Assert.Equal(1, driver.Count("deregistered"));
        Assert.Equal(HttpStatusCode.NotFound, await ApplicationStatusAsync());
    }

    [Fact]
    public async Task Register_EurekaJsClientWithUntrustedCertificate_FailsAndListsNothing()
    {
        driver = StartDriver(ServiceCertificates.SelfSigned(ServiceId));

        var exitCode = await driver.WaitForExitAsync(Patience);

        var failure = await driver.WaitForAsync("startFailed", TimeSpan.FromSeconds(1));
        Assert.Equal((2, 0), (exitCode, driver.Count("registered")));
        Assert.Contains("403", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await ApplicationStatusAsync());
    }

    private EurekaJsDriver StartDriver(X509Certificate2 clientCertificate)
    {
        var directory = Path.Combine(temp.Root, "eureka-js-client");
        var (certificate, key) = ServiceCertificates.WritePem(clientCertificate, directory, "client");
        var authority = Path.Combine(directory, "ca.pem");
        File.WriteAllText(authority, TrustAnchors.ExportCertificatePems() + "\n");
        return EurekaJsDriver.Start(new Dictionary<string, string>
        {
            ["EUREKA_HOST"] = "localhost",
            ["EUREKA_PORT"] = DiscoveryPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SERVICE_ID"] = ServiceId,
            ["INSTANCE_PORT"] = InstancePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CLIENT_CERT"] = certificate,
            ["CLIENT_KEY"] = key,
            ["CA_CERT"] = authority,
            ["HEARTBEAT_MS"] = HeartbeatMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FETCH_MS"] = HeartbeatMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LEASE_SECONDS"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The instance as GET /eureka/apps/{APP} lists it, or null when the application is unknown.</summary>
    private async Task<JsonElement?> InstanceAsync()
    {
        using var response = await eureka.GetAsync(Url($"/eureka/apps/{App}"));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var application = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("application");
        return application.GetProperty("instance").EnumerateArray().Single(i => Text(i, "instanceId") == InstanceId).Clone();
    }

    private async Task<HttpStatusCode> ApplicationStatusAsync()
    {
        using var response = await eureka.GetAsync(Url($"/eureka/apps/{App}"));
        return response.StatusCode;
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    private static int Port(JsonElement instance, string name) => instance.GetProperty(name).GetProperty("$").GetInt32();

    private static bool Enabled(JsonElement instance, string name) =>
        instance.GetProperty(name).GetProperty("@enabled") is var enabled && enabled.ValueKind == JsonValueKind.String
            ? bool.Parse(enabled.GetString()!)
            : enabled.GetBoolean();

    private Uri Url(string path) => new($"https://localhost:{DiscoveryPort}{path}");
}
