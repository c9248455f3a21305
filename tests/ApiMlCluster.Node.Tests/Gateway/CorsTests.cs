using System.Net;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>CORS with the gateway flag on: services that enable it get it, the others refuse cross-origin requests.</summary>
public sealed class CorsTests(StrictGateway gateway) : IClassFixture<StrictGateway>
{
    // Cross-origin (another port), and a host the allowed domains accept in corsAllowedOrigins.
    private const string Origin = "https://localhost:8443";

    [Fact]
    public async Task Preflight_ServiceWithCors_IsAnsweredByTheGateway()
    {
        await gateway.StartServiceAsync("corsyes", EurekaRegistrations.Metadata("corsyes", ("apiml.corsEnabled", "true"), ("apiml.corsAllowedOrigins", Origin)));

        using var response = await gateway.Client.SendAsync(Preflight(gateway.Gateway("/corsyes/api/v1/x"), Origin, "PUT", "content-type, x-custom"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("PUT", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Equal("content-type, x-custom", Header(response, "Access-Control-Allow-Headers"));
        // The echo service would have answered with a JSON body: the service never saw the preflight.
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task CrossOriginRequest_ServiceWithCors_GetsAllowHeadersAndTheServiceSeesNoOrigin()
    {
        await gateway.StartServiceAsync("corsreq", EurekaRegistrations.Metadata("corsreq", ("apiml.corsEnabled", "true"), ("apiml.corsAllowedOrigins", Origin)));

        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Gateway("/corsreq/api/v1/x?set-header=Access-Control-Allow-Origin:*"));
        request.Headers.Add("Origin", Origin);
        using var response = await gateway.Client.SendAsync(request);

        var headers = (await GatewayFixture.EchoAsync(response)).GetProperty("headers").EnumerateObject().Select(h => h.Name);
        Assert.Equal(Origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.DoesNotContain(headers, h => string.Equals(h, "Origin", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnyOrigin_IsAllowedWithoutCredentials()
    {
        await gateway.StartServiceAsync("corsany", EurekaRegistrations.Metadata("corsany", ("apiml.corsEnabled", "true")));

        using var response = await gateway.Client.SendAsync(Preflight(gateway.Gateway("/corsany/api/v1/x"), "https://evil.example.org", "GET"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://evil.example.org", Header(response, "Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task OriginNotListed_Is403()
    {
        await gateway.StartServiceAsync("corslist", EurekaRegistrations.Metadata("corslist", ("apiml.corsEnabled", "true"), ("apiml.corsAllowedOrigins", "https://localhost:9443")));

        using var response = await gateway.Client.SendAsync(Preflight(gateway.Gateway("/corslist/api/v1/x"), Origin, "GET"));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task Preflight_ServiceWithoutCors_Is403()
    {
        await gateway.StartServiceAsync("corsno");

        using var response = await gateway.Client.SendAsync(Preflight(gateway.Gateway("/corsno/api/v1/x"), Origin, "GET"));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task SameOriginRequest_IsNotCors()
    {
        await gateway.StartServiceAsync("corssame");

        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.Gateway("/corssame/api/v1/x"));
        request.Headers.Add("Origin", $"https://localhost:{gateway.GatewayPort}");
        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    internal static HttpRequestMessage Preflight(Uri uri, string origin, string method, string? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, uri);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return request;
    }

    private static string Header(HttpResponseMessage response, string name) => string.Join(", ", response.Headers.GetValues(name));
}

/// <summary>CORS with Zowe's default gateway flag (off): even a service that asks for CORS does not get it.</summary>
public sealed class CorsDisabledTests(DefaultGateway gateway) : IClassFixture<DefaultGateway>
{
    [Fact]
    public async Task Preflight_GatewayCorsOff_Is403AndNotForwarded()
    {
        await gateway.StartServiceAsync("corsoff", EurekaRegistrations.Metadata("corsoff", ("apiml.corsEnabled", "true")));

        using var response = await gateway.Client.SendAsync(CorsTests.Preflight(gateway.Gateway("/corsoff/api/v1/x"), "https://app.example.com", "GET"));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }
}
