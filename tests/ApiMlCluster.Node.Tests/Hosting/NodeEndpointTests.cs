using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Files;
using ApiMlCluster.Node.Cluster.Membership;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Hosting;

public sealed class NodeEndpointTests(NodeEndpointTests.SingleNode fixture) : IClassFixture<NodeEndpointTests.SingleNode>
{
    private readonly int[] ports = fixture.Ports;
    private readonly RunningNode node = fixture.Node;

    [Fact]
    public async Task Health_OnceJoined_IsUpWithThisNodeAsTheOnlyMember()
    {
        var health = await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(5));

        var cluster = health.GetProperty("components").GetProperty("cluster");
        Assert.Equal("UP", cluster.GetProperty("status").GetString());
        var member = Assert.Single(cluster.GetProperty("details").GetProperty("members").EnumerateArray());
        Assert.Equal($"akka.ssl.tcp://apiml-test@localhost:{ports[3]}", member.GetProperty("address").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.True(member.GetProperty("reachable").GetBoolean());
        Assert.Equal("UP", health.GetProperty("components").GetProperty("persistence").GetProperty("status").GetString());
        Assert.Equal(ports[1], health.GetProperty("components").GetProperty("discovery").GetProperty("details").GetProperty("port").GetInt32());
    }

    [Theory]
    [InlineData(0, 1, "GET", "/eureka/apps")]
    [InlineData(0, 1, "POST", "/discovery/api/v1/staticApi")]
    [InlineData(1, 0, "POST", "/gateway/api/v1/auth/login")]
    [InlineData(2, 0, "GET", "/gateway/api/v1/auth/keys/public/all")]
    public async Task Endpoint_OfAnotherComponent_IsNotReachedByNamingItsPortInTheHostHeader(int connectTo, int hostOf, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), node.Url(ports[connectTo], path));
        request.Headers.Host = $"localhost:{ports[hostOf]}";
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:user"u8.ToArray()));

        using var response = await node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Health_IsServedOnEveryComponentPort(int component)
    {
        using var response = await node.Client.GetAsync(node.Url(ports[component], "/application/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Kestrel_ConnectionCounts_AreBoundedByTheConfiguredLimits()
    {
        // Kestrel's defaults are unlimited: held-open connections could exhaust the node (security review F22).
        var limits = node.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value.Limits;

        Assert.Equal((node.Config.MaxConnections, node.Config.MaxUpgradedConnections), (limits.MaxConcurrentConnections, limits.MaxConcurrentUpgradedConnections));
        Assert.Equal((10_000L, 2_000L), (limits.MaxConcurrentConnections, limits.MaxConcurrentUpgradedConnections));
    }

    [Fact]
    public void Workspace_DataAndDatabase_AreTheNodeUsersOnly()
    {
        var config = node.Config;
        var database = Path.Combine(config.DataDirectory, "apiml.db");

        Assert.Equal(
            (PrivateFiles.Directory, PrivateFiles.Directory, PrivateFiles.Directory, PrivateFiles.File),
            (File.GetUnixFileMode(config.WorkspaceDirectory), File.GetUnixFileMode(config.DataDirectory), File.GetUnixFileMode(config.LogDirectory), File.GetUnixFileMode(database)));
    }

    [Fact]
    public async Task Health_Anonymous_GetsTheStatusAlone()
    {
        using var response = await node.Client.GetAsync(node.Url(ports[0], "/application/health"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("UP", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_BasicCredentials_GetTheDetails()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, node.Url(ports[0], "/application/health"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:user"u8.ToArray()));

        using var response = await node.Client.SendAsync(request);

        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("components", out _));
    }

    [Fact]
    public async Task Health_WrongBasicCredentials_GetTheStatusAlone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, node.Url(ports[0], "/application/health"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:wrong"u8.ToArray()));

        using var response = await node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("components", out _));
    }

    [Fact]
    public async Task Info_Anonymous_NamesTheVersionButNotTheCluster()
    {
        using var response = await node.Client.GetAsync(node.Url(ports[0], "/application/info"));
        var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("0.1.0", info.GetProperty("build").GetProperty("version").GetString());
        Assert.False(info.TryGetProperty("apiml", out _));
    }

    [Fact]
    public async Task Info_NamesTheVersionAndCluster()
    {
        using var response = await node.Operator.GetAsync(node.Url(ports[0], "/application/info"));
        var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0.1.0", info.GetProperty("build").GetProperty("version").GetString());
        Assert.Equal("apiml-test", info.GetProperty("apiml").GetProperty("cluster").GetString());
    }

    [Fact]
    public async Task CutOffFromTheMajority_WritesAre503ReadsGoOnAndHealthIsDown()
    {
        var view = node.Services.GetRequiredService<MembershipView>();
        var own = view.Current;
        var self = Assert.Single(own.Members);
        view.Publish(own with { Members = [self, self with { Address = "akka.tcp://apiml-test@127.0.0.1:1", Reachable = false }, self with { Address = "akka.tcp://apiml-test@127.0.0.1:2", Reachable = false }] });
        try
        {
            Assert.False(view.ReachesMajority, string.Join(", ", view.Current.Members));
            var api = new AuthApi(node.Client, ports[0]);
            using var login = await api.LoginAsync("user", "user");
            using var info = await node.Client.GetAsync(node.Url(ports[0], "/application/info"));
            using var health = await node.Operator.GetAsync(node.Url(ports[0], "/application/health"));

            var message = await AuthApi.MessageAsync(login, HttpStatusCode.ServiceUnavailable, "ZWEAO503E");
            Assert.Contains("majority", message.GetProperty("messageContent").GetString());
            Assert.Equal(HttpStatusCode.OK, info.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var cluster = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("components").GetProperty("cluster");
            Assert.Equal("DOWN", cluster.GetProperty("status").GetString());
            Assert.False(cluster.GetProperty("details").GetProperty("reachesMajority").GetBoolean());
        }
        finally
        {
            view.Publish(own);
        }
    }

    [Fact]
    public async Task CutOffFromTheMajority_TokensAreNotJudged()
    {
        // It may have missed logouts the majority acknowledged: a 503 sends the client to a node that knows.
        var api = new AuthApi(node.Client, ports[0]);
        var token = await api.TokenAsync();
        var view = node.Services.GetRequiredService<MembershipView>();
        var own = view.Current;
        var self = Assert.Single(own.Members);
        view.Publish(own with { Members = [self, self with { Address = "akka.tcp://apiml-test@127.0.0.1:1", Reachable = false }, self with { Address = "akka.tcp://apiml-test@127.0.0.1:2", Reachable = false }] });
        try
        {
            using var query = await api.QueryAsync(token);

            var message = await AuthApi.MessageAsync(query, HttpStatusCode.ServiceUnavailable, "ZWEAO503E");
            Assert.Contains("majority", message.GetProperty("messageContent").GetString());
        }
        finally
        {
            view.Publish(own);
        }

        using var after = await api.QueryAsync(token);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_Answers404InZoweMessageFormat()
    {
        using var response = await node.Client.GetAsync(node.Url(ports[0], "/no/such/service"));
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("messages")[0];

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("ZWEAO404E", message.GetProperty("messageNumber").GetString());
        Assert.Equal("ERROR", message.GetProperty("messageType").GetString());
        Assert.Equal("org.zowe.apiml.common.notFound", message.GetProperty("messageKey").GetString());
    }

    [Fact]
    public async Task WrongMethod_Answers405InZoweMessageFormat()
    {
        using var response = await node.Client.PostAsync(node.Url(ports[0], "/application/health"), new StringContent("{}"));
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("messages")[0];

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("ZWEAO405E", message.GetProperty("messageNumber").GetString());
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Tls12And13_AreNegotiated(SslProtocols protocol)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, ports[0]);
        await using var tls = new SslStream(tcp.GetStream());

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocol,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });

        Assert.Equal(protocol, tls.SslProtocol);
    }

    [Fact]
    public async Task PlainHttp_IsNotServed()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{ports[0]}/application/health"));
    }

    [Fact]
    public async Task SecondNodeOnTheSamePorts_FailsBeforeStartNamingThePortKey()
    {
        using var other = new TempWorkspace();
        var config = ZoweConfigLoader.Load(other.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports)), null);

        var error = await Assert.ThrowsAsync<ConfigException>(() => RunningNode.StartAsync(config));

        Assert.Equal("components.gateway.port", error.Key);
    }

    /// <summary>One node for the class; no test changes its state.</summary>
    public sealed class SingleNode : IAsyncLifetime
    {
        private readonly TempWorkspace temp = new();

        public int[] Ports { get; } = FreePorts.Take(4);

        internal RunningNode Node { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(Ports)), null));
            await Node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        }

        public async Task DisposeAsync()
        {
            await Node.DisposeAsync();
            temp.Dispose();
        }
    }
}
