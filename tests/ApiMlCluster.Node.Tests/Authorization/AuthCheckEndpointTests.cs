using System.Net;
using System.Text;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Authorization;

/// <summary><c>POST /gateway/auth/check</c> (contract §1.9) through a real node over TLS.</summary>
[Collection(AuthorizationCollection.Name)]
public sealed class AuthCheckEndpointTests(AuthorizationNode node)
{
    private const string ReadServices = """{"resourceClass":"ZOWE","resourceName":"APIML.SERVICES","accessLevel":"READ"}""";

    [Theory]
    [InlineData("/gateway/api/v1/auth/check")]
    [InlineData("/gateway/auth/check")]
    public async Task Check_TokenCookieWithAccess_204(string path)
    {
        var token = await node.Api.TokenAsync();

        using var response = await SendAsync(ReadServices, r => r.Headers.Add("Cookie", $"apimlAuthenticationToken={token}"), path);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Check_BearerAndBasic_204()
    {
        using var bearer = await SendAsync(ReadServices, r => AuthorizationNode.Bearer(r, node.TokenFor("user")));
        using var basic = await SendAsync(ReadServices, r => AuthorizationNode.Basic(r, "user", "user"));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (bearer.StatusCode, basic.StatusCode));
    }

    [Fact]
    public async Task Check_TrustedCertificate_AsksForItsMappedUser()
    {
        using var update = await SendAsync("""{"resourceClass":"ZOWE","resourceName":"APIML.GUARDED","accessLevel":"UPDATE"}""", client: node.CertificateClient);
        using var alter = await SendAsync("""{"resourceClass":"ZOWE","resourceName":"APIML.GUARDED","accessLevel":"ALTER"}""", client: node.CertificateClient);

        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        var message = await AuthApi.MessageAsync(alter, HttpStatusCode.Unauthorized, "ZWEAG711E");
        Assert.Equal("The principal 'ALICE' is missing queried authorization.", message.GetProperty("messageContent").GetString());
    }

    [Fact]
    public async Task Check_NoAccess_401ZWEAG711E()
    {
        using var response = await SendAsync(ReadServices, r => AuthorizationNode.Bearer(r, node.TokenFor("BOB")));

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG711E");
        Assert.Equal("org.zowe.apiml.security.unauthorized", message.GetProperty("messageKey").GetString());
    }

    [Fact]
    public async Task Check_NoCredentials_401()
    {
        using var response = await SendAsync(ReadServices);

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAO402E");
    }

    [Fact]
    public async Task Check_WrongPassword_401()
    {
        using var response = await SendAsync(ReadServices, r => AuthorizationNode.Basic(r, "user", "wrong"));

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG120E");
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("""{"resourceClass":"ZOWE","accessLevel":"READ"}""", "'resourceName' is missing")]
    [InlineData("""{"resourceClass":"ZOWE","resourceName":"APIML.SERVICES","accessLevel":"WRITE"}""", "accessLevel 'WRITE'")]
    [InlineData("""{"resourceClass":"ZOWE","resourceName":7,"accessLevel":"READ"}""", "'resourceName' is missing or not a non-empty string")]
    public async Task Check_BadBody_400InZoweFormat(string body, string problem)
    {
        using var response = await SendAsync(body, r => AuthorizationNode.Basic(r, "user", "user"));

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAO400E");
        Assert.Contains(problem, WebUtility.HtmlDecode(message.GetProperty("messageContent").GetString()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ProviderUnavailable_503NotADenial()
    {
        using (node.SafDown())
        {
            using var response = await SendAsync(ReadServices, r => AuthorizationNode.Bearer(r, node.TokenFor("user")));

            await AuthApi.MessageAsync(response, HttpStatusCode.ServiceUnavailable, "ZWEAO503E");
        }
    }

    [Fact]
    public async Task Check_WrongMethod_405ZWEAG101E()
    {
        using var response = await node.Client.GetAsync(node.Gateway("/gateway/api/v1/auth/check"));

        await AuthApi.MessageAsync(response, HttpStatusCode.MethodNotAllowed, "ZWEAG101E");
    }

    private Task<HttpResponseMessage> SendAsync(string body, Action<HttpRequestMessage>? shape = null, string path = "/gateway/api/v1/auth/check", HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, node.Gateway(path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        shape?.Invoke(request);
        return (client ?? node.Client).SendAsync(request);
    }
}
