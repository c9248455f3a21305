using System.Net;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>3xx <c>Location</c> headers from services, rewritten to the gateway form (Zowe's PageRedirectionFilterFactory).</summary>
public sealed class RedirectTests(DefaultGateway gateway) : IClassFixture<DefaultGateway>
{
    [Fact]
    public async Task RedirectToTheInstance_BecomesTheGatewayUrl()
    {
        var echo = await gateway.StartServiceAsync("redir");
        var target = Uri.EscapeDataString($"https://localhost:{echo.Port}/redir/api/v1/next?page=2");

        using var response = await gateway.NoRedirectClient.GetAsync(gateway.Gateway($"/redir/api/v1/redirect?location={target}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"https://localhost:{gateway.GatewayPort}/redir/api/v1/next?page=2", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RedirectToAPathUnderTheServiceUrl_BecomesTheGatewayUrl()
    {
        await gateway.StartServiceAsync("redirpath");

        using var response = await gateway.NoRedirectClient.GetAsync(gateway.Gateway($"/redirpath/api/v1/redirect?location={Uri.EscapeDataString("/redirpath/api/v1/login")}"));

        Assert.Equal($"https://localhost:{gateway.GatewayPort}/redirpath/api/v1/login", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RedirectElsewhere_IsLeftAlone()
    {
        await gateway.StartServiceAsync("redirout");

        using var response = await gateway.NoRedirectClient.GetAsync(gateway.Gateway($"/redirout/api/v1/redirect?location={Uri.EscapeDataString("https://www.example.com/redirout/api/v1/x")}"));

        Assert.Equal("https://www.example.com/redirout/api/v1/x", response.Headers.Location?.OriginalString);
    }
}
