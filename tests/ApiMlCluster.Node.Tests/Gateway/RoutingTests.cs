using System.Net;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>Requests through one real node's gateway port to echo services registered through its Eureka API.</summary>
public sealed class RoutingTests(DefaultGateway gateway) : IClassFixture<DefaultGateway>
{
    [Fact]
    public async Task Get_ThroughARoute_ReachesTheServiceAtItsServiceUrlWithQueryAndForwardedHeaders()
    {
        await gateway.StartServiceAsync("plainget");

        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Gateway("/plainget/api/v1/greeting?name=zowe&x=%2F"));
        request.Headers.Add("X-Certificate-CommonName", "admin");
        request.Headers.Add("X-Certificate-DistinguishedName", "CN=admin");
        using var response = await gateway.Client.SendAsync(request);
        var echo = await GatewayFixture.EchoAsync(response);

        Assert.Equal(("GET", "/plainget/api/v1/greeting", "?name=zowe&x=%2F"), (echo.GetProperty("method").GetString(), echo.GetProperty("path").GetString(), echo.GetProperty("query").GetString()));
        // Header names as the service saw them; over HTTP/2 they arrive in lower case.
        var headers = echo.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(("/plainget/api/v1", "https", $"localhost:{gateway.GatewayPort}"), (headers["X-Forwarded-Prefix"], headers["X-Forwarded-Proto"], headers["X-Forwarded-Host"]));
        Assert.False(headers.ContainsKey("X-Certificate-CommonName"));
        Assert.False(headers.ContainsKey("X-Certificate-DistinguishedName"));
    }

    [Fact]
    public async Task Get_WithForwardedHeadersFromTheClient_ExtendsTheChainAndReplacesTheRest()
    {
        await gateway.StartServiceAsync("plainget");

        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Gateway("/plainget/api/v1/greeting"));
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-Prefix", "/elsewhere");
        using var response = await gateway.Client.SendAsync(request);
        var echo = await GatewayFixture.EchoAsync(response);

        var headers = echo.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("203.0.113.7, 127.0.0.1", headers["X-Forwarded-For"]);
        Assert.Equal(($"localhost:{gateway.GatewayPort}", "https", "/plainget/api/v1"), (headers["X-Forwarded-Host"], headers["X-Forwarded-Proto"], headers["X-Forwarded-Prefix"]));
    }

    [Fact]
    public async Task Requests_ToTwoInstances_AreSpreadRoundRobin()
    {
        var first = await gateway.StartServiceAsync("roundrobin");
        var second = await gateway.StartServiceAsync("roundrobin");

        var served = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await gateway.Client.GetAsync(gateway.Gateway("/roundrobin/api/v1/x"));
            served.Add((await GatewayFixture.EchoAsync(response)).GetProperty("service").GetString());
        }

        Assert.Equal(3, served.Count(s => s == first.Name));
        Assert.Equal(3, served.Count(s => s == second.Name));
    }

    [Fact]
    public async Task XInstanceId_KnownInstance_AlwaysReachesIt()
    {
        await gateway.StartServiceAsync("pinned");
        var second = await gateway.StartServiceAsync("pinned");

        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Gateway("/pinned/api/v1/x"));
            request.Headers.Add("X-InstanceId", $"localhost:pinned:{second.Port}");
            using var response = await gateway.Client.SendAsync(request);
            Assert.Equal(second.Name, (await GatewayFixture.EchoAsync(response)).GetProperty("service").GetString());
        }
    }

    [Fact]
    public async Task XInstanceId_UnknownInstance_Is404()
    {
        await gateway.StartServiceAsync("pinnedunknown");

        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Gateway("/pinnedunknown/api/v1/x"));
        request.Headers.Add("X-InstanceId", "localhost:pinnedunknown:1");
        using var response = await gateway.Client.SendAsync(request);

        await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAG510E");
    }

    [Fact]
    public async Task UnknownService_Is404InZoweFormat()
    {
        using var response = await gateway.Client.GetAsync(gateway.Gateway("/nosuchservice/api/v1/x"));

        await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAO404E");
    }

    [Fact]
    public async Task ServiceError_ReachesTheClientAsTheServiceSentIt()
    {
        var echo = await gateway.StartServiceAsync("failing");

        using var response = await gateway.Client.GetAsync(gateway.Gateway("/failing/api/v1/status/404"));

        Assert.Equal((HttpStatusCode.NotFound, $"status 404 from {echo.Name}"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task InstanceRefusingConnections_Is503InZoweFormat()
    {
        await gateway.RegisterAsync("gone", FreePorts.Take(1)[0]);

        using var response = await gateway.Client.GetAsync(gateway.Gateway("/gone/api/v1/x"));

        await AuthApi.MessageAsync(response, HttpStatusCode.ServiceUnavailable, "ZWEAO503E");
    }

    [Fact]
    public async Task ServiceWithUntrustedCertificate_Is502WithTheTlsMessage()
    {
        var port = FreePorts.Take(1)[0];
        await using var untrusted = await EchoService.StartAsync("untrusted", port, ServiceCertificates.SelfSigned("localhost"));
        await gateway.RegisterAsync("untrusted", port);

        using var response = await gateway.Client.GetAsync(gateway.Gateway("/untrusted/api/v1/x"));

        await AuthApi.MessageAsync(response, HttpStatusCode.BadGateway, "ZWEAM511E");
    }

    [Fact]
    public async Task Post_Body_IsStreamedToTheService()
    {
        await gateway.StartServiceAsync("upload");

        using var response = await gateway.Client.PostAsync(gateway.Gateway("/upload/api/v1/upload"), new ByteArrayContent(new byte[3_000_000]));

        Assert.Equal(3_000_000, (await GatewayFixture.EchoAsync(response)).GetProperty("bodyLength").GetInt64());
    }
}
