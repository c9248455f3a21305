using System.Net;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Authorization;

/// <summary>The operator's route checks (<c>authorization.routes</c>) on requests through a real node's gateway.</summary>
[Collection(AuthorizationCollection.Name)]
public sealed class RouteAuthorizationTests(AuthorizationNode node)
{
    [Fact]
    public async Task Guarded_CallerWithAccess_Forwarded()
    {
        using var token = await SendAsync("/guarded/api/v1/hello", r => AuthorizationNode.Bearer(r, node.TokenFor("user")));
        using var certificate = await SendAsync("/guarded/api/v1/hello", client: node.CertificateClient);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (token.StatusCode, certificate.StatusCode));
    }

    [Fact]
    public async Task Guarded_CallerWithoutAccess_403ZWEAT403EBeforeForwarding()
    {
        using var response = await SendAsync("/guarded/api/v1/hello", r => AuthorizationNode.Bearer(r, node.TokenFor("BOB")));

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
        Assert.Equal("The user is not authorized to the target resource: /guarded/api/v1/hello", message.GetProperty("messageContent").GetString());
    }

    [Fact]
    public async Task Guarded_NoCaller_401()
    {
        using var response = await SendAsync("/guarded/api/v1/hello");

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAO402E");
    }

    [Fact]
    public async Task Guarded_ProviderUnavailable_503()
    {
        using (node.SafDown())
        {
            using var response = await SendAsync("/guarded/api/v1/hello", r => AuthorizationNode.Bearer(r, node.TokenFor("user")));

            await AuthApi.MessageAsync(response, HttpStatusCode.ServiceUnavailable, "ZWEAO503E");
        }
    }

    [Fact]
    public async Task Partial_OnlyPathsUnderTheConfiguredPrefixAreChecked()
    {
        using var outside = await SendAsync("/partial/api/v1/hello");
        using var lookalike = await SendAsync("/partial/api/v1/administrator");
        using var inside = await SendAsync("/partial/api/v1/admin/users");
        using var sneaky = await SendAsync("/partial/api/v1//Admin/users", r => AuthorizationNode.Bearer(r, node.TokenFor("BOB")));
        using var admin = await SendAsync("/partial/api/v1/admin/users", r => AuthorizationNode.Bearer(r, node.TokenFor("user")));

        Assert.Equal(
            (HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.OK),
            (outside.StatusCode, lookalike.StatusCode, inside.StatusCode, sneaky.StatusCode, admin.StatusCode));
    }

    [Theory]
    [InlineData("/partial/api/v1/admin;jsessionid=x/users")]
    [InlineData("/partial/api/v1/ADMIN;x=1/users")]
    [InlineData("/partial/api/v1/admin%3Bx/users")]
    public async Task Partial_PathParameterOnTheRuledSegment_IsStillChecked(string path)
    {
        using var response = await SendAsync(path, r => AuthorizationNode.Bearer(r, node.TokenFor("BOB")));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task ForwardTo_AnOrdinaryServiceWithRules_Is404AndNotForwarded()
    {
        using var response = await SendAsync("/partial/api/v1/admin/users", r =>
        {
            AuthorizationNode.Bearer(r, node.TokenFor("BOB"));
            r.Headers.Add("X-Forward-To", "partial");
        });

        await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAO404E");
    }

    [Fact]
    public async Task Open_NoRule_NoCallerNeededAndTheProviderNotAsked()
    {
        var before = node.Saf.Calls;

        using var response = await SendAsync("/open/api/v1/hello");

        Assert.Equal((HttpStatusCode.OK, before), (response.StatusCode, node.Saf.Calls));
    }

    private Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestMessage>? shape = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, node.Gateway(path));
        shape?.Invoke(request);
        return (client ?? node.Client).SendAsync(request);
    }
}
