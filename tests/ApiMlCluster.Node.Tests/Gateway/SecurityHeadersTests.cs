using System.Net;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>Spring's SecureHeaders with Zowe's settings on every gateway response.</summary>
public sealed class SecurityHeadersTests(DefaultGateway gateway) : IClassFixture<DefaultGateway>
{
    private static readonly (string Name, string Value)[] Expected =
    [
        ("X-Frame-Options", "SAMEORIGIN"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Strict-Transport-Security", "max-age=631138519"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-XSS-Protection", "1 ; mode=block"),
    ];

    [Fact]
    public async Task RoutedResponse_HasTheSecurityHeaders()
    {
        await gateway.StartServiceAsync("secure");

        using var response = await gateway.Client.GetAsync(gateway.Gateway("/secure/api/v1/x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task GatewayError_HasTheSecurityHeaders()
    {
        using var response = await gateway.Client.GetAsync(gateway.Gateway("/nosuchservice/api/v1/x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task GatewaysOwnEndpoint_HasTheSecurityHeaders()
    {
        using var response = await gateway.Client.GetAsync(gateway.Gateway("/application/health"));

        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ServiceSendingItsOwnValue_IsReplacedNotDuplicated()
    {
        await gateway.StartServiceAsync("framer");

        using var response = await gateway.Client.GetAsync(gateway.Gateway("/framer/api/v1/x?set-header=X-Frame-Options:ALLOWALL"));

        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        foreach (var (name, value) in Expected)
        {
            Assert.True(response.Headers.TryGetValues(name, out var values), $"{name} missing");
            Assert.Equal(value, Assert.Single(values));
        }
    }
}
