using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ApiMlCluster.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ApiMlCluster.Cluster.Tests;

/// <summary>
/// Sticky routing by user (<c>apiml.lb.type=authentication</c>) with node processes (scripts/cluster): a user's calls
/// through every gateway node reach one instance; after the node that made the choice is SIGKILLed the survivors
/// keep sending the user there, and so does that node once restarted with an empty local copy (it must ask the
/// choice's entity, which may have been recovered from the journal on a survivor). Zowe round-robins instead
/// (zowe/api-layer#3952).
/// </summary>
public sealed class StickyRoutingClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ServiceId = "stickysvc";
    private const int CallsPerNode = 10;
    private readonly ClusterScript cluster = new();
    private readonly int[] backendPorts = FreePorts.Take(2);
    private readonly List<WebApplication> backends = [];
    private HttpClient client = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in backends)
        {
            await backend.DisposeAsync();
        }

        client?.Dispose();
        cluster.Dispose();
    }

    [Fact]
    public async Task UsersInstance_IsTheSameThroughEveryNode_AndSurvivesTheChoosingNodesKill()
    {
        var (code, text) = cluster.Run("up");
        output.WriteLine(text);
        Assert.True(code == 0, text);
        var certificate = cluster.IssueClientCertificate("localhost");
        foreach (var port in backendPorts)
        {
            backends.Add(await StartBackendAsync(port, certificate));
        }

        client = cluster.CreateClient(TimeSpan.FromSeconds(30), certificate);
        foreach (var port in backendPorts)
        {
            using var registered = await client.PostAsync(Url(cluster.DiscoveryPort(1), $"/eureka/apps/{ServiceId.ToUpperInvariant()}"), Registration(port));
            Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        }

        var token = await new AuthApi(client, cluster.GatewayPort(1)).TokenAsync();
        foreach (var node in new[] { 1, 2, 3 })
        {
            await Eventually.TrueAsync(async () => (await CallAsync(node, token)).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(20), $"{ServiceId} routable at lpar{node}");
        }

        // lpar1 answers first, so lpar1 proposes the choice.
        var chosen = await ServedAsync(1, token);
        foreach (var node in new[] { 1, 2, 3 })
        {
            Assert.Equal([chosen], await ServedByAsync(node, token));
        }

        output.WriteLine($"{CallsPerNode} calls through each of lpar1..3 all reached {chosen}");

        (code, text) = cluster.Run("kill", "lpar1");
        Assert.True(code == 0, text);
        foreach (var node in new[] { 2, 3 })
        {
            await cluster.WaitForAsync(node, h => !ClusterScript.Members(h).ContainsKey("lpar1"), TimeSpan.FromSeconds(45));
            Assert.Equal([chosen], await ServedByAsync(node, token));
        }

        output.WriteLine($"after lpar1's kill, lpar2 and lpar3 still send the user to {chosen}");

        (code, text) = cluster.Run("start", "lpar1");
        Assert.True(code == 0, text);
        await Eventually.TrueAsync(async () => (await CallAsync(1, token)).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), $"{ServiceId} routable at the restarted lpar1");
        Assert.Equal([chosen], await ServedByAsync(1, token));
        output.WriteLine($"the restarted lpar1 sends the user to {chosen} too");
    }

    private async Task<IReadOnlySet<string>> ServedByAsync(int node, string token)
    {
        var served = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < CallsPerNode; i++)
        {
            served.Add(await ServedAsync(node, token));
        }

        return served;
    }

    private async Task<string> ServedAsync(int node, string token)
    {
        var (status, body) = await CallAsync(node, token);
        Assert.True(status == HttpStatusCode.OK, $"lpar{node} answered {(int)status}: {body}");
        return body;
    }

    private async Task<(HttpStatusCode Status, string Body)> CallAsync(int node, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(cluster.GatewayPort(node), $"/{ServiceId}/api/v1/who"));
        request.Headers.Add("Cookie", $"apimlAuthenticationToken={token}");
        try
        {
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            return (HttpStatusCode.ServiceUnavailable, e.Message);
        }
    }

    private static Uri Url(int port, string path) => new($"https://localhost:{port}{path}");

    /// <summary>A backend that answers every request with its own port, over TLS with a certificate of the cluster's CA.</summary>
    private static async Task<WebApplication> StartBackendAsync(int port, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
            listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate })));
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync($"instance-{port}"));
        await app.StartAsync();
        return app;
    }

    private static StringContent Registration(int port)
    {
        var document = new
        {
            instance = new Dictionary<string, object>
            {
                ["instanceId"] = $"localhost:{ServiceId}:{port}",
                ["app"] = ServiceId.ToUpperInvariant(),
                ["hostName"] = "localhost",
                ["ipAddr"] = "127.0.0.1",
                ["status"] = "UP",
                ["port"] = new Dictionary<string, object> { ["$"] = port, ["@enabled"] = "false" },
                ["securePort"] = new Dictionary<string, object> { ["$"] = port, ["@enabled"] = "true" },
                ["vipAddress"] = ServiceId,
                ["secureVipAddress"] = ServiceId,
                ["homePageUrl"] = $"https://localhost:{port}/",
                ["dataCenterInfo"] = new Dictionary<string, object> { ["@class"] = "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", ["name"] = "MyOwn" },
                ["leaseInfo"] = new { renewalIntervalInSecs = 30, durationInSecs = 300 },
                ["metadata"] = new Dictionary<string, string>
                {
                    ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
                    ["apiml.routes.api-v1.serviceUrl"] = "/api/v1",
                    ["apiml.lb.type"] = "authentication",
                    ["version"] = "2.0.0",
                },
            },
        };
        return new StringContent(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json");
    }
}
