using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Gateway.PassTickets;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary><c>POST /gateway/api/v1/auth/ticket</c>: a trusted client certificate and a valid token get a PassTicket.</summary>
public sealed class TicketEndpointTests(SchemeNode node) : IClassFixture<SchemeNode>
{
    [Fact]
    public async Task Ticket_TrustedCertificateAndToken_ReturnsATicketThatVerifiesForTheUserAndApplid()
    {
        var token = await node.Api.TokenAsync();

        using var response = await PostAsync(node.ServiceClient, token, """{"applicationName":"ZOWEAPPL"}""");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((token, "user", "ZOWEAPPL"), (json.GetProperty("token").GetString(), json.GetProperty("userId").GetString(), json.GetProperty("applicationName").GetString()));
        Assert.Equal(PassTicketVerdict.Valid, SchemeNode.NewEvaluator().Evaluate("user", "ZOWEAPPL", json.GetProperty("ticket").GetString()));
    }

    [Fact]
    public async Task Ticket_V2Alias_AlsoIssues()
    {
        var token = await node.Api.TokenAsync();

        using var response = await PostAsync(node.ServiceClient, token, """{"applicationName":"TSO"}""", "/gateway/auth/ticket");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ticket_CertificateOfNoServiceTheApplidIsListedFor_Is403()
    {
        // registration.applids gives ZOWEAPPL to ptsvc and idtsvc, which another certificate registered.
        using var response = await PostAsync(node.CertificateClient, await node.Api.TokenAsync(), """{"applicationName":"ZOWEAPPL"}""");

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
        Assert.Contains("ZOWEAPPL", message.GetProperty("messageContent").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticket_ApplidListedForNoService_Is403()
    {
        using var response = await PostAsync(node.ServiceClient, await node.Api.TokenAsync(), """{"applicationName":"OTHERAPP"}""");

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task Ticket_NoClientCertificate_Is403()
    {
        using var response = await PostAsync(node.Client, await node.Api.TokenAsync(), """{"applicationName":"ZOWEAPPL"}""");

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task Ticket_UntrustedClientCertificate_Is403()
    {
        using var response = await PostAsync(node.UntrustedClient, await node.Api.TokenAsync(), """{"applicationName":"ZOWEAPPL"}""");

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task Ticket_NoToken_Is401TokenNotProvided()
    {
        using var response = await PostAsync(node.CertificateClient, null, """{"applicationName":"ZOWEAPPL"}""");

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG131E");
    }

    [Fact]
    public async Task Ticket_ForgedToken_Is401InvalidToken()
    {
        using var response = await PostAsync(node.CertificateClient, SchemeNode.ForgedToken(), """{"applicationName":"ZOWEAPPL"}""");

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG130E");
    }

    [Fact]
    public async Task Ticket_ExpiredToken_Is401Expired()
    {
        using var response = await PostAsync(node.CertificateClient, node.ExpiredToken(), """{"applicationName":"ZOWEAPPL"}""");

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAT100E");
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"applicationName":"  "}""")]
    [InlineData("""{"applicationName":42}""")]
    public async Task Ticket_MissingApplicationName_Is400(string body)
    {
        using var response = await PostAsync(node.CertificateClient, await node.Api.TokenAsync(), body);

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAG140E");
    }

    [Fact]
    public async Task Ticket_ApplidWithoutKey_Is400GenerationFailed()
    {
        using var response = await PostAsync(node.ServiceClient, await node.Api.TokenAsync(), """{"applicationName":"NOKEY"}""");

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAG141E");
        Assert.Contains("NOKEY", message.GetProperty("messageContent").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"applicationName":""")]
    [InlineData("""["ZOWEAPPL"]""")]
    [InlineData("")]
    public async Task Ticket_BodyNotAJsonObject_Is400InvalidInput(string body)
    {
        using var response = await PostAsync(node.CertificateClient, await node.Api.TokenAsync(), body);

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAG121E");
    }

    [Fact]
    public async Task Ticket_Get_Is405InvalidMethod()
    {
        using var response = await node.CertificateClient.GetAsync(node.Gateway("/gateway/api/v1/auth/ticket"));

        await AuthApi.MessageAsync(response, HttpStatusCode.MethodNotAllowed, "ZWEAG101E");
    }

    private Task<HttpResponseMessage> PostAsync(HttpClient client, string? token, string body, string path = "/gateway/api/v1/auth/ticket")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, node.Gateway(path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }
}
