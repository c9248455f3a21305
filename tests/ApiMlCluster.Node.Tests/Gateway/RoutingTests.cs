using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>Requests through one real node's gateway port to echo services registered through its Eureka API.</summary>
public sealed class RoutingTests : IAsyncLifetime
{
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(7);
    private readonly List<EchoService> echoes = [];
    private RunningNode node = null!;
    private HttpClient eureka = null!;
    private HttpClient client = null!;
    private X509Certificate2 serviceCertificate = null!;

    private int GatewayPort => ports[0];

    public async Task InitializeAsync()
    {
        node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports)), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        var anchors = node.Services.GetRequiredService<TlsMaterial>().TrustAnchors;
        serviceCertificate = ServiceCertificates.IssueTrusted(node.Config, temp, "localhost", "127.0.0.1");
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
        await node.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task Get_ThroughARoute_ReachesTheServiceAtItsServiceUrlWithQueryAndForwardedHeaders()
    {
        await StartAndRegisterAsync("echo", ports[4]);

        using var request = new HttpRequestMessage(HttpMethod.Get, Gateway("/echo/api/v1/greeting?name=zowe&x=%2F"));
        request.Headers.Add("X-Certificate-CommonName", "admin");
        request.Headers.Add("X-Certificate-DistinguishedName", "CN=admin");
        using var response = await client.SendAsync(request);
        var echo = await EchoAsync(response);

        Assert.Equal(("GET", "/echo/api/v1/greeting", "?name=zowe&x=%2F"), (echo.GetProperty("method").GetString(), echo.GetProperty("path").GetString(), echo.GetProperty("query").GetString()));
        // Header names as the service saw them; over HTTP/2 they arrive in lower case.
        var headers = echo.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(("/echo/api/v1", "https", $"localhost:{GatewayPort}"), (headers["X-Forwarded-Prefix"], headers["X-Forwarded-Proto"], headers["X-Forwarded-Host"]));
        Assert.False(headers.ContainsKey("X-Certificate-CommonName"));
        Assert.False(headers.ContainsKey("X-Certificate-DistinguishedName"));
    }

    [Fact]
    public async Task Requests_ToTwoInstances_AreSpreadRoundRobin()
    {
        await StartAndRegisterAsync("echo", ports[4]);
        await StartAndRegisterAsync("echo", ports[5]);

        var served = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync(Gateway("/echo/api/v1/x"));
            served.Add((await EchoAsync(response)).GetProperty("service").GetString());
        }

        Assert.Equal(3, served.Count(s => s == $"echo-{ports[4]}"));
        Assert.Equal(3, served.Count(s => s == $"echo-{ports[5]}"));
    }

    [Fact]
    public async Task XInstanceId_KnownInstance_AlwaysReachesIt()
    {
        await StartAndRegisterAsync("echo", ports[4]);
        await StartAndRegisterAsync("echo", ports[5]);

        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Gateway("/echo/api/v1/x"));
            request.Headers.Add("X-InstanceId", $"localhost:echo:{ports[5]}");
            using var response = await client.SendAsync(request);
            Assert.Equal($"echo-{ports[5]}", (await EchoAsync(response)).GetProperty("service").GetString());
        }
    }

    [Fact]
    public async Task XInstanceId_UnknownInstance_Is404()
    {
        await StartAndRegisterAsync("echo", ports[4]);

        using var request = new HttpRequestMessage(HttpMethod.Get, Gateway("/echo/api/v1/x"));
        request.Headers.Add("X-InstanceId", "localhost:echo:1");
        using var response = await client.SendAsync(request);

        await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAG510E");
    }

    [Fact]
    public async Task UnknownService_Is404InZoweFormat()
    {
        using var response = await client.GetAsync(Gateway("/nosuchservice/api/v1/x"));

        await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAO404E");
    }

    [Fact]
    public async Task ServiceError_ReachesTheClientAsTheServiceSentIt()
    {
        await StartAndRegisterAsync("echo", ports[4]);

        using var response = await client.GetAsync(Gateway("/echo/api/v1/status/404"));

        Assert.Equal((HttpStatusCode.NotFound, $"status 404 from echo-{ports[4]}"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task InstanceRefusingConnections_Is503InZoweFormat()
    {
        await RegisterAsync("gone", ports[6]);

        using var response = await client.GetAsync(Gateway("/gone/api/v1/x"));

        await AuthApi.MessageAsync(response, HttpStatusCode.ServiceUnavailable, "ZWEAO503E");
    }

    [Fact]
    public async Task ServiceWithUntrustedCertificate_Is502WithTheTlsMessage()
    {
        echoes.Add(await EchoService.StartAsync("untrusted", ports[4], ServiceCertificates.SelfSigned("localhost")));
        await RegisterAsync("untrusted", ports[4]);

        using var response = await client.GetAsync(Gateway("/untrusted/api/v1/x"));

        await AuthApi.MessageAsync(response, HttpStatusCode.BadGateway, "ZWEAM511E");
    }

    [Fact]
    public async Task Post_Body_IsStreamedToTheService()
    {
        await StartAndRegisterAsync("echo", ports[4]);

        using var response = await client.PostAsync(Gateway("/echo/api/v1/upload"), new ByteArrayContent(new byte[3_000_000]));

        Assert.Equal(3_000_000, (await EchoAsync(response)).GetProperty("bodyLength").GetInt64());
    }

    private async Task StartAndRegisterAsync(string serviceId, int port)
    {
        echoes.Add(await EchoService.StartAsync($"{serviceId}-{port}", port, serviceCertificate));
        await RegisterAsync(serviceId, port);
    }

    private async Task RegisterAsync(string serviceId, int port)
    {
        using var response = await eureka.PostAsync(new Uri($"https://localhost:{ports[1]}/eureka/apps/{serviceId.ToUpperInvariant()}"), EurekaRegistrations.Json(serviceId, port));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<JsonElement> EchoAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private Uri Gateway(string path) => new($"https://localhost:{GatewayPort}{path}");
}
