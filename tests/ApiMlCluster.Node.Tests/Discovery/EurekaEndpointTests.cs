using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Discovery;

/// <summary>The Eureka REST API on one real node's discovery port, called as Eureka clients call it: TLS with a client certificate.</summary>
public sealed class EurekaEndpointTests(EurekaEndpointTests.EurekaNode fixture) : IClassFixture<EurekaEndpointTests.EurekaNode>
{
    private readonly TempWorkspace temp = fixture.Temp;
    private readonly int[] ports = fixture.Ports;
    private readonly RunningNode node = fixture.Node;
    private readonly HttpClient eureka = fixture.Eureka;

    private int DiscoveryPort => ports[1];

    [Fact]
    public async Task Register_Json_Is204AndListedInApps()
    {
        using var response = await RegisterAsync("discoverableclient", 10012);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var apps = await AppsJsonAsync();
        var application = apps.GetProperty("applications").GetProperty("application").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "DISCOVERABLECLIENT");
        var instance = application.GetProperty("instance").EnumerateArray().Single();
        Assert.Equal(("localhost:discoverableclient:10012", "UP", "api/v1"),
            (instance.GetProperty("instanceId").GetString(), instance.GetProperty("status").GetString(), instance.GetProperty("metadata").GetProperty("apiml.routes.api-v1.gatewayUrl").GetString()));
    }

    [Fact]
    public async Task Register_Xml_Is204AndReadableAsXml()
    {
        var xml = $"""
            <instance>
              <instanceId>localhost:xmlclient:10013</instanceId>
              <hostName>localhost</hostName>
              <app>XMLCLIENT</app>
              <ipAddr>127.0.0.1</ipAddr>
              <status>UP</status>
              <port enabled="false">10013</port>
              <securePort enabled="true">10013</securePort>
              <dataCenterInfo class="com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo"><name>MyOwn</name></dataCenterInfo>
              <leaseInfo><renewalIntervalInSecs>30</renewalIntervalInSecs><durationInSecs>90</durationInSecs></leaseInfo>
              <metadata><apiml.service.title>Xml client</apiml.service.title></metadata>
              <vipAddress>xmlclient</vipAddress>
            </instance>
            """;
        using var response = await eureka.PostAsync(Url("/eureka/apps/XMLCLIENT"), new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/eureka/apps/XMLCLIENT"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        using var answer = await eureka.SendAsync(request);
        var document = XDocument.Parse(await answer.Content.ReadAsStringAsync());

        Assert.Equal("Xml client", document.Root!.Element("instance")!.Element("metadata")!.Element("apiml.service.title")!.Value);
    }

    [Fact]
    public async Task Heartbeat_RegisteredInstance_Is200()
    {
        await RegisterAsync("renewing", 1);

        using var response = await eureka.PutAsync(Url("/eureka/apps/RENEWING/localhost:renewing:1?status=UP&lastDirtyTimestamp=0"), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Heartbeat_UnknownInstance_Is404SoTheClientRegistersAgain()
    {
        using var response = await eureka.PutAsync(Url("/eureka/apps/NOBODY/localhost:nobody:1?status=UP"), null);

        await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAD803E");
    }

    [Fact]
    public async Task Cancel_RemovesTheInstance()
    {
        await RegisterAsync("leaving", 2);

        using var cancel = await eureka.DeleteAsync(Url("/eureka/apps/LEAVING/localhost:leaving:2"));
        using var after = await eureka.GetAsync(Url("/eureka/apps/LEAVING"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (cancel.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task StatusOverride_PutThenDelete_ChangesAndRestoresTheStatus()
    {
        await RegisterAsync("overridden", 3);
        const string path = "/eureka/apps/OVERRIDDEN/localhost:overridden:3";

        using var put = await eureka.PutAsync(Url(path + "/status?value=OUT_OF_SERVICE"), null);
        var during = await InstanceStatusAsync("localhost:overridden:3");
        using var delete = await eureka.DeleteAsync(Url(path + "/status"));
        var after = await InstanceStatusAsync("localhost:overridden:3");

        Assert.Equal((HttpStatusCode.OK, "OUT_OF_SERVICE", HttpStatusCode.OK, "UP"), (put.StatusCode, during, delete.StatusCode, after));
    }

    [Fact]
    public async Task MetadataUpdate_AddsTheKey()
    {
        await RegisterAsync("annotated", 4);

        using var put = await eureka.PutAsync(Url("/eureka/apps/ANNOTATED/localhost:annotated:4/metadata?zos.sysname=LPR1"), null);
        using var get = await eureka.GetAsync(Url("/eureka/instances/localhost:annotated:4"));
        var instance = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement.GetProperty("instance");

        Assert.Equal((HttpStatusCode.OK, "LPR1"), (put.StatusCode, instance.GetProperty("metadata").GetProperty("zos.sysname").GetString()));
    }

    [Fact]
    public async Task Delta_AfterRegistration_ListsTheInstanceAsAdded()
    {
        await RegisterAsync("newcomer", 5);

        using var response = await eureka.GetAsync(Url("/eureka/apps/delta"));
        var apps = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("applications");
        var instance = apps.GetProperty("application").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "NEWCOMER").GetProperty("instance").EnumerateArray().Single();

        Assert.Equal("ADDED", instance.GetProperty("actionType").GetString());
        Assert.Contains("UP_", apps.GetProperty("apps__hashcode").GetString());
    }

    [Fact]
    public async Task Register_WithoutClientCertificate_Is403AndRegistersNothing()
    {
        using var anonymous = TrustingClient.Create(node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(10));

        using var response = await anonymous.PostAsync(Url("/eureka/apps/SNEAKY"), Registration("sneaky", 6));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAG167E");
        Assert.False(await IsListedAsync("SNEAKY"));
    }

    [Fact]
    public async Task Register_WithUntrustedClientCertificate_Is403AndRegistersNothing()
    {
        using var stranger = ClientWith(ServiceCertificates.SelfSigned("stranger"));

        using var response = await stranger.PostAsync(Url("/eureka/apps/STRANGER"), Registration("stranger", 7));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
        Assert.False(await IsListedAsync("STRANGER"));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("{\"instance\":{\"app\":\"BROKEN\",\"hostName\":\"localhost\"}}")]
    [InlineData("{\"instance\":{\"instanceId\":\"just-a-name\",\"app\":\"BROKEN\",\"hostName\":\"localhost\"}}")]
    [InlineData("{\"instance\":{\"instanceId\":\"localhost:other:1\",\"app\":\"BROKEN\",\"hostName\":\"localhost\"}}")]
    [InlineData("{\"instance\":{\"instanceId\":\"localhost:broken:1\",\"app\":\"OTHER\",\"hostName\":\"localhost\"}}")]
    [InlineData("{\"instance\":{\"instanceId\":\"STATIC-localhost:broken:1\",\"app\":\"BROKEN\",\"hostName\":\"localhost\"}}")]
    public async Task Register_InvalidDocument_Is400AndRegistersNothing(string body)
    {
        using var response = await eureka.PostAsync(Url("/eureka/apps/BROKEN"), new StringContent(body, Encoding.UTF8, "application/json"));

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAD801E");
        Assert.False(await IsListedAsync("BROKEN"));
    }

    [Fact]
    public async Task Register_OversizedMetadata_Is400AndRegistersNothing()
    {
        var metadata = Enumerable.Range(0, 100).ToDictionary(i => $"custom.key{i}", _ => new string('x', 1000));

        using var response = await eureka.PostAsync(Url("/eureka/apps/BULKY"), Registration("bulky", 8, metadata));

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAD801E");
        Assert.False(await IsListedAsync("BULKY"));
    }

    [Fact]
    public async Task Register_BodyOverTheLimit_Is413()
    {
        var body = new string(' ', 300 * 1024) + "{}";

        using var response = await eureka.PostAsync(Url("/eureka/apps/HUGE"), new StringContent(body, Encoding.UTF8, "application/json"));

        await AuthApi.MessageAsync(response, (HttpStatusCode)413, "ZWEAD805E");
    }

    [Fact]
    public async Task EurekaApi_OnTheGatewayPort_IsNotServed()
    {
        using var response = await eureka.GetAsync(new Uri($"https://localhost:{ports[0]}/eureka/apps"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> RegisterAsync(string serviceId, int port) =>
        eureka.PostAsync(Url($"/eureka/apps/{serviceId.ToUpperInvariant()}"), Registration(serviceId, port));

    private static StringContent Registration(string serviceId, int port, Dictionary<string, string>? metadata = null) =>
        EurekaRegistrations.Json(serviceId, port, metadata);

    private async Task<JsonElement> AppsJsonAsync()
    {
        using var response = await eureka.GetAsync(Url("/eureka/apps"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<string?> InstanceStatusAsync(string instanceId)
    {
        using var response = await eureka.GetAsync(Url($"/eureka/instances/{instanceId}"));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("instance").GetProperty("status").GetString();
    }

    private async Task<bool> IsListedAsync(string app)
    {
        using var response = await eureka.GetAsync(Url($"/eureka/apps/{app}"));
        return response.StatusCode == HttpStatusCode.OK;
    }

    private HttpClient ClientWith(X509Certificate2 certificate) =>
        TrustingClient.Create(node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(20), certificate);

    private Uri Url(string path) => new($"https://localhost:{DiscoveryPort}{path}");

    /// <summary>One node for the class: each test registers its own application names.</summary>
    public sealed class EurekaNode : IAsyncLifetime
    {
        public TempWorkspace Temp { get; } = new();

        public int[] Ports { get; } = FreePorts.Take(4);

        internal RunningNode Node { get; private set; } = null!;

        public HttpClient Eureka { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Node = await RunningNode.StartAsync(ZoweConfigLoader.Load(Temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(Ports)), null));
            await Node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
            Eureka = TrustingClient.Create(Node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(10),
                ServiceCertificates.IssueTrusted(Node.Config, Temp, "discoverable-client"));
        }

        public async Task DisposeAsync()
        {
            Eureka.Dispose();
            await Node.DisposeAsync();
            Temp.Dispose();
        }
    }
}
