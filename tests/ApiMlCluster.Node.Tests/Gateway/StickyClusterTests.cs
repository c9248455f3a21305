using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Akka.Actor;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.Gateway.Sticky;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>
/// Three real nodes of one zowe.yaml in this process (Kestrel + Akka each, one shared SQLite journal): the gateway
/// state that must hold cluster-wide, a user's sticky instance and an instance's health mark.
/// </summary>
public sealed class StickyClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(14);
    private readonly List<EchoService> echoes = [];
    private readonly List<RunningNode> nodes = [];
    private HttpClient eureka = null!;
    private HttpClient client = null!;
    private X509Certificate2 serviceCertificate = null!;

    public async Task InitializeAsync()
    {
        var file = temp.WriteFile("zowe.yaml", ZoweYaml.ThreeNodes(ports[..12]));
        var configs = new[] { "lpar1", "lpar2", "lpar3" }.Select(id => ZoweConfigLoader.Load(file, id)).ToList();
        nodes.AddRange(await Task.WhenAll(configs.Select(RunningNode.StartAsync)));
        await Task.WhenAll(nodes.Select(n => n.WaitForHealthAsync("UP", TimeSpan.FromSeconds(90))));
        var anchors = nodes[0].Services.GetRequiredService<TlsMaterial>().TrustAnchors;
        serviceCertificate = ServiceCertificates.IssueTrusted(nodes[0].Config, temp, "localhost", "127.0.0.1");
        eureka = TrustingClient.Create(anchors, TimeSpan.FromSeconds(20), serviceCertificate);
        client = TrustingClient.Create(anchors, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        foreach (var echo in echoes)
        {
            await echo.DisposeAsync();
        }

        eureka.Dispose();
        client.Dispose();
        await Task.WhenAll(nodes.Select(n => n.DisposeAsync().AsTask()));
        temp.Dispose();
    }

    [Fact]
    public async Task UserOfAnAuthenticationBalancedService_ReachesOneInstanceThroughEveryNode_AlsoAfterTheChoosingNodeStops()
    {
        var metadata = new Dictionary<string, string>
        {
            ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
            ["apiml.routes.api-v1.serviceUrl"] = "/sticky/api/v1",
            ["apiml.lb.type"] = "authentication",
            ["version"] = "2.0.0",
        };
        await StartAndRegisterAsync("sticky", ports[12], metadata);
        await StartAndRegisterAsync("sticky", ports[13], metadata);
        await WaitUntilEveryNodeRoutesAsync("sticky", 2);
        var token = await new AuthApi(client, nodes[0].Config.Gateway.Port).TokenAsync("user", "user");

        var before = new List<string>();
        foreach (var node in nodes)
        {
            before.AddRange(await ServedAsync(node, token, 10));
        }

        var instance = Assert.Single(before.Distinct());
        var key = StickyKeys.Of("user", "sticky");
        var chooser = await HostOfAsync(key);
        output.WriteLine($"{instance} chosen; the bucket ran on {chooser.Config.HaInstanceId}; stopping it");
        nodes.Remove(chooser);
        await chooser.DisposeAsync();

        var after = new List<string>();
        foreach (var node in nodes)
        {
            after.AddRange(await ServedAsync(node, token, 10));
        }

        Assert.All(after, served => Assert.Equal(instance, served));
        // The choice itself survived, not only the survivors' copies: the entity, recovered elsewhere from the journal, keeps it.
        var (chosen, other) = instance == $"sticky-{ports[12]}" ? (ports[12], ports[13]) : (ports[13], ports[12]);
        var host = await nodes[0].Services.GetRequiredService<ActorSystem>().ActorSelection($"/user/{StickyBucket.HostName}").ResolveOne(TimeSpan.FromSeconds(10));
        var kept = await host.Ask<StickyChoice>(new ChooseStickyInstance(key, $"localhost:sticky:{other}", null, (long)TimeSpan.FromHours(8).TotalMilliseconds), TimeSpan.FromSeconds(30));
        Assert.Equal($"localhost:sticky:{chosen}", kept.InstanceId);
    }

    [Fact]
    public async Task CallerWithAnUnverifiedToken_IsBalancedRoundRobinAndLeavesNoStickyChoice()
    {
        var metadata = new Dictionary<string, string>
        {
            ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
            ["apiml.routes.api-v1.serviceUrl"] = "/sticky/api/v1",
            ["apiml.lb.type"] = "authentication",
        };
        await StartAndRegisterAsync("sticky", ports[12], metadata);
        await StartAndRegisterAsync("sticky", ports[13], metadata);
        await WaitUntilEveryNodeRoutesAsync("sticky", 2);
        // A token anyone can write: a "sub" and no valid signature.
        var forged = "e30." + Convert.ToBase64String("{\"sub\":\"mallory\"}"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".x";

        var served = await ServedAsync(nodes[0], forged, 6);

        Assert.Equal(2, served.Distinct().Count());
        Assert.All(nodes, n => Assert.False(n.Services.GetRequiredService<StickySnapshot>().TryGet(StickyKeys.Of("mallory", "sticky"), out _)));
    }

    [Fact]
    public async Task InstanceMarkedDownAtOneNode_IsMarkedAtTheOthersWithinOneSecond()
    {
        await RegisterAsync("plain", ports[12], null);
        await StartAndRegisterAsync("plain", ports[13], null);
        await WaitUntilEveryNodeRoutesAsync("plain", 2);

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync(nodes[0].Url(nodes[0].Config.Gateway.Port, "/plain/api/v1/x"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(InstanceState.Down, StateAt(nodes[0], ports[12]));
        var clock = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => nodes.Skip(1).All(n => StateAt(n, ports[12]) == InstanceState.Down), TimeSpan.FromSeconds(1), "the mark reaches the other nodes");
        output.WriteLine($"mark seen at both other nodes {clock.ElapsedMilliseconds} ms after the request that made it returned");
    }

    private static InstanceState StateAt(RunningNode node, int port)
    {
        var instance = node.Services.GetRequiredService<RouteTableHolder>().Current.Find("plain")!.Instances.Single(i => i.Instance.SecurePort == port);
        return node.Services.GetRequiredService<InstanceHealth>().StateOf(instance);
    }

    private async Task<RunningNode> HostOfAsync(string key)
    {
        foreach (var node in nodes)
        {
            var system = node.Services.GetRequiredService<ActorSystem>();
            var entity = system.ActorSelection($"/user/{StickyBucket.HostName}/{StickyBucket.BucketOf(key)}");
            if (await entity.ResolveOne(TimeSpan.FromSeconds(10)).ContinueWith(t => t.IsCompletedSuccessfully))
            {
                return node;
            }
        }

        throw new InvalidOperationException($"no node runs the sticky bucket of {key}");
    }

    private async Task<List<string>> ServedAsync(RunningNode node, string token, int count)
    {
        var served = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, node.Url(node.Config.Gateway.Port, "/sticky/api/v1/x"));
            request.Headers.Add("Cookie", $"apimlAuthenticationToken={token}");
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{node.Config.HaInstanceId}: {(int)response.StatusCode} {text}");
            served.Add(JsonDocument.Parse(text).RootElement.GetProperty("service").GetString()!);
        }

        return served;
    }

    private Task WaitUntilEveryNodeRoutesAsync(string serviceId, int instances) =>
        Eventually.TrueAsync(
            () => nodes.All(n => n.Services.GetRequiredService<RouteTableHolder>().Current.Find(serviceId)?.Instances.Length == instances),
            TimeSpan.FromSeconds(30),
            $"every node routes {serviceId} to {instances} instances");

    private async Task StartAndRegisterAsync(string serviceId, int port, Dictionary<string, string>? metadata)
    {
        echoes.Add(await EchoService.StartAsync($"{serviceId}-{port}", port, serviceCertificate));
        await RegisterAsync(serviceId, port, metadata);
    }

    private async Task RegisterAsync(string serviceId, int port, Dictionary<string, string>? metadata)
    {
        var discovery = nodes[0].Config.Discovery.Port;
        using var response = await eureka.PostAsync(new Uri($"https://localhost:{discovery}/eureka/apps/{serviceId.ToUpperInvariant()}"), EurekaRegistrations.Json(serviceId, port, metadata));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
