using System.Net;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary><c>X-Forward-To</c> routing (Zowe's ByHeader) through a real gateway.</summary>
public sealed class ForwardToTests(DefaultGateway gateway) : IClassFixture<DefaultGateway>
{
    [Fact]
    public async Task LastStep_ReachesTheServiceWithThePathUnchangedAndWithoutTheHeader()
    {
        await StartDomainGatewayAsync("domain1");

        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Gateway("/anything/at/all?x=1"));
        request.Headers.Add("X-Forward-To", "domain1");
        using var response = await gateway.Client.SendAsync(request);

        var echo = await GatewayFixture.EchoAsync(response);
        var headers = echo.GetProperty("headers").EnumerateObject().Select(h => h.Name);
        Assert.Equal("/anything/at/all?x=1", echo.GetProperty("rawTarget").GetString());
        Assert.DoesNotContain(headers, h => string.Equals(h, "X-Forward-To", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SeveralSteps_TheNextHopGetsTheRest()
    {
        await StartDomainGatewayAsync("domain2");

        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Gateway("/domain3/api/v1/x"));
        request.Headers.Add("X-Forward-To", "domain2/domain3/domain4");
        using var response = await gateway.Client.SendAsync(request);

        var headers = (await GatewayFixture.EchoAsync(response)).GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("domain3/domain4", headers["X-Forward-To"]);
    }

    [Fact]
    public async Task OrdinaryService_Is404AndItsUnroutedPathsStayUnreachable()
    {
        await gateway.StartServiceAsync("notagateway");

        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Gateway("/actuator/env"));
        request.Headers.Add("X-Forward-To", "notagateway");
        using var response = await gateway.Client.SendAsync(request);

        await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAO404E");
    }

    [Fact]
    public async Task UnknownTarget_Is404EvenWhenThePathWouldRoute()
    {
        await gateway.StartServiceAsync("pathsvc");

        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Gateway("/pathsvc/api/v1/x"));
        request.Headers.Add("X-Forward-To", "nosuchdomain");
        using var response = await gateway.Client.SendAsync(request);

        await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAO404E");
    }

    /// <summary>Another API ML's gateway registered here, as a domain gateway registers with a central one: its apimlId names it.</summary>
    private Task StartDomainGatewayAsync(string apimlId) =>
        gateway.StartServiceAsync("gw-" + apimlId, Support.EurekaRegistrations.Metadata("gw-" + apimlId, ("apiml.service.apimlId", apimlId)));
}
