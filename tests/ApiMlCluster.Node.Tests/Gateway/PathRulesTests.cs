using System.Net;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>Encoded characters and dot segments through a real gateway with Zowe's defaults (encoded slashes allowed).</summary>
public sealed class PathRulesTests(DefaultGateway gateway) : IClassFixture<DefaultGateway>
{
    [Fact]
    public async Task EncodedSlash_WhenAllowed_ReachesTheServiceStillEncoded()
    {
        await gateway.StartServiceAsync("slash");

        using var response = await gateway.Client.GetAsync(gateway.RawGateway("/slash/api/v1/a%2Fb%5Cc?q=%2F"));

        var echo = await GatewayFixture.EchoAsync(response);
        Assert.Equal("/slash/api/v1/a%2Fb%5Cc?q=%2F", echo.GetProperty("rawTarget").GetString());
    }

    [Fact]
    public async Task EncodedCharacters_AreForwardedAsTheClientSentThem_NotDecodedTwice()
    {
        await gateway.StartServiceAsync("chars");

        using var response = await gateway.Client.GetAsync(gateway.RawGateway("/chars/api/v1/a%20b%252Fc%25"));

        Assert.Equal("/chars/api/v1/a%20b%252Fc%25", (await GatewayFixture.EchoAsync(response)).GetProperty("rawTarget").GetString());
    }

    [Theory]
    [InlineData("/dots/api/v1/..%2F..%2Fsecret")]
    [InlineData("/dots/api/v1/%2e%2e/%2e%2e/secret")]
    [InlineData("/dots/api/v1/x/../../../secret")]
    [InlineData("/dots/api/v1/..%5Csecret")]
    public async Task DotSegments_PlainOrEncoded_Are400(string path)
    {
        await gateway.StartServiceAsync("dots");

        using var response = await gateway.Client.GetAsync(gateway.RawGateway(path));

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAO400E");
    }

    [Fact]
    public async Task ServiceRefusingEncodedCharacters_EncodedPath_Is400WithZWEAG701E()
    {
        await gateway.StartServiceAsync("noenc", EurekaRegistrations.Metadata("noenc", ("apiml.enableUrlEncodedCharacters", "false")));

        using var encoded = await gateway.Client.GetAsync(gateway.RawGateway("/noenc/api/v1/a%20b"));
        using var plain = await gateway.Client.GetAsync(gateway.Gateway("/noenc/api/v1/a-b?x=%20"));

        var message = await AuthApi.MessageAsync(encoded, HttpStatusCode.BadRequest, "ZWEAG701E");
        Assert.Contains("noenc", message.GetProperty("messageContent").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    [InlineData("DELETE")]
    [InlineData("PROPFIND")]
    public async Task UnknownService_AnyMethod_Is404(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), gateway.Gateway("/nosuchservice/api/v1/x"));
        using var response = await gateway.Client.SendAsync(request);

        if (method == "HEAD")
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        else
        {
            await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAO404E");
        }
    }
}

/// <summary>Encoded slashes through a gateway with <c>allowEncodedSlashes: false</c>.</summary>
public sealed class EncodedSlashRefusedTests(StrictGateway gateway) : IClassFixture<StrictGateway>
{
    [Theory]
    [InlineData("/strict/api/v1/a%2Fb")]
    [InlineData("/strict/api/v1/a%5cb")]
    public async Task EncodedSlash_WhenNotAllowed_Is400WithZWEAG702E(string path)
    {
        await gateway.StartServiceAsync("strict");

        using var response = await gateway.Client.GetAsync(gateway.RawGateway(path));

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAG702E");
        Assert.Contains(path, message.GetProperty("messageContent").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherEncodedCharacters_WhenSlashesAreRefused_StillPass()
    {
        await gateway.StartServiceAsync("strictok");

        using var response = await gateway.Client.GetAsync(gateway.RawGateway("/strictok/api/v1/a%20b"));

        Assert.Equal("/strictok/api/v1/a%20b", (await GatewayFixture.EchoAsync(response)).GetProperty("rawTarget").GetString());
    }
}
