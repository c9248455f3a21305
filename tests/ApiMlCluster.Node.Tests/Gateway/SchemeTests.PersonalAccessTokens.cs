using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>Personal access tokens through the gateway (contract §1.2, §5.1): the three slots, scopes, revocation, every kind of rule.</summary>
public sealed partial class SchemeTests
{
    private const string InvalidToken = "ZWEAG102E Token is not valid";

    [Fact]
    public async Task Pat_Bearer_ZoweJwtServiceGetsAMintedTokenForThePatUser()
    {
        var pat = await GeneratePatAsync("patbearer", "jwtsvc");

        var received = await node.SendAsync("jwtsvc", bearer: pat);

        Assert.Null(received.RequestFailure);
        Assert.Null(received.Header("Authorization"));
        var minted = new JsonWebToken(received.Cookies[CookieName]);
        Assert.Equal(("APIML", "patbearer"), (minted.Issuer, minted.Subject));
    }

    [Fact]
    public async Task Pat_Cookie_ZoweJwtServiceGetsMintedTokenAndNoPatCookie()
    {
        var pat = await GeneratePatAsync("patcookie", "jwtsvc");

        var received = await node.SendAsync("jwtsvc", cookie: $"theme=dark; personalAccessToken={pat}");

        Assert.Null(received.RequestFailure);
        Assert.False(received.Cookies.ContainsKey("personalAccessToken"));
        Assert.Equal("dark", received.Cookies["theme"]);
        Assert.Equal("patcookie", new JsonWebToken(received.Cookies[CookieName]).Subject);
    }

    [Fact]
    public async Task Pat_PrivateTokenHeader_ZoweJwtServiceGetsMintedTokenAndNoHeader()
    {
        var pat = await GeneratePatAsync("patheader", "jwtsvc");

        var received = await node.SendAsync("jwtsvc", shape: r => r.Headers.Add("PRIVATE-TOKEN", pat));

        Assert.Null(received.RequestFailure);
        Assert.Null(received.Header("PRIVATE-TOKEN"));
        Assert.Equal("patheader", new JsonWebToken(received.Cookies[CookieName]).Subject);
    }

    [Fact]
    public async Task Pat_ZoweJwtService_MintedTokenCarriesThePatsJtiScopesAndNoLaterExpiry()
    {
        var pat = await GeneratePatAsync("patclaims", "jwtsvc", "ptsvc");

        var received = await node.SendAsync("jwtsvc", bearer: pat);

        var (minted, original) = (new JsonWebToken(received.Cookies[CookieName]), new JsonWebToken(pat));
        Assert.Equal(("APIML", original.Id, original.IssuedAt), (minted.Issuer, minted.Id, minted.IssuedAt));
        Assert.Equal(["jwtsvc", "ptsvc"], minted.GetPayloadValue<string[]>("scopes"));
        Assert.True(minted.ValidTo <= original.ValidTo);
    }

    [Fact]
    public async Task Pat_MintedToken_IsRefusedAtAServiceOutsideThePatsScopes()
    {
        var minted = await MintedForPatAsync("patescape", "jwtsvc");

        var elsewhere = await node.SendAsync("patscopesvc", cookie: $"{CookieName}={minted}");

        Assert.Equal(InvalidToken, elsewhere.RequestFailure);
        Assert.False(elsewhere.Cookies.ContainsKey(CookieName));
    }

    [Fact]
    public async Task Pat_MintedToken_WorksAtTheServicesInThePatsScopes()
    {
        var minted = await MintedForPatAsync("patinscope", "jwtsvc");

        var again = await node.SendAsync("jwtsvc", cookie: $"{CookieName}={minted}");

        Assert.Null(again.RequestFailure);
        Assert.Equal(minted, again.Cookies[CookieName]);
    }

    [Fact]
    public async Task Pat_MintedToken_DiesWithThePatsRevocation()
    {
        var pat = await GeneratePatAsync("patminted", "jwtsvc");
        var minted = (await node.SendAsync("jwtsvc", bearer: pat)).Cookies[CookieName];
        using var before = await QueryAsync(minted);
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, node.Gateway("/gateway/api/v1/auth/access-token/revoke"))
        {
            Content = new StringContent($$"""{"token":"{{pat}}"}""", Encoding.UTF8, "application/json"),
        };
        using var revoked = await node.Client.SendAsync(revoke);

        using var after = await QueryAsync(minted);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Unauthorized), (before.StatusCode, revoked.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task Pat_MintedToken_DiesWithTheUsersRule()
    {
        var minted = await MintedForPatAsync("patmintedrule", "jwtsvc");
        using var rule = await SendAsAsync(HttpMethod.Delete, "/access-token/revoke/tokens/user", """{"userId":"patmintedrule"}""");
        Assert.Equal(HttpStatusCode.NoContent, rule.StatusCode);

        var received = await node.SendAsync("jwtsvc", cookie: $"{CookieName}={minted}");

        Assert.Equal(InvalidToken, received.RequestFailure);
    }

    [Fact]
    public async Task Pat_MintedToken_GetsNoPassTicket()
    {
        var minted = await MintedForPatAsync("patnoticket", "jwtsvc");
        using var request = new HttpRequestMessage(HttpMethod.Post, node.Gateway("/gateway/api/v1/auth/ticket"))
        {
            Content = new StringContent("""{"applicationName":"ZOWEAPPL"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", $"{CookieName}={minted}");

        using var response = await node.CertificateClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pat_BypassService_IsNotForwarded()
    {
        var pat = await GeneratePatAsync("patbypass", "bypasssvc");

        var received = await node.SendAsync("bypasssvc", shape: r => r.Headers.Add("PRIVATE-TOKEN", pat));

        Assert.Null(received.RequestFailure);
        Assert.Null(received.Header("PRIVATE-TOKEN"));
    }

    [Fact]
    public async Task Pat_BypassServiceWithPassCredentials_IsForwardedAsSent()
    {
        var pat = await GeneratePatAsync("patpass", "passsvc");

        var received = await node.SendAsync("passsvc", shape: r => r.Headers.Add("PRIVATE-TOKEN", pat));

        Assert.Null(received.RequestFailure);
        Assert.Equal(pat, received.Header("PRIVATE-TOKEN"));
    }

    [Fact]
    public async Task Pat_PassTicketService_GetsATicketForThePatUser()
    {
        var pat = await GeneratePatAsync("PATPT", "ptsvc");

        var received = await node.SendAsync("ptsvc", bearer: pat);

        Assert.Null(received.RequestFailure);
        var basic = Encoding.UTF8.GetString(Convert.FromBase64String(received.Header("Authorization")!["Basic ".Length..]));
        Assert.StartsWith("PATPT:", basic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pat_ServiceNotInScopes_FailureHeader()
    {
        var pat = await GeneratePatAsync("patscope", "bypasssvc");

        var received = await node.SendAsync("jwtsvc", bearer: pat);

        Assert.Equal((InvalidToken, InvalidToken), (received.RequestFailure, received.ResponseFailure));

        // A service outside the PAT's scopes could replay it at the services it is good for.
        Assert.Null(received.Header("Authorization"));
    }

    [Fact]
    public async Task Pat_Revoked_FailureHeader()
    {
        var pat = await GeneratePatAsync("patrevoked", "jwtsvc");
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, node.Gateway("/gateway/api/v1/auth/access-token/revoke"))
        {
            Content = new StringContent($$"""{"token":"{{pat}}"}""", Encoding.UTF8, "application/json"),
        };
        using var revoked = await node.Client.SendAsync(revoke);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var received = await node.SendAsync("jwtsvc", cookie: $"personalAccessToken={pat}; theme=dark");

        Assert.Equal(InvalidToken, received.RequestFailure);
        Assert.Equal("theme=dark", received.Header("Cookie"));
    }

    [Fact]
    public async Task Pat_RevokedByTheUsersRule_FailureHeader()
    {
        var pat = await GeneratePatAsync("patuserrule", "jwtsvc");
        using var revoked = await SendAsAsync(HttpMethod.Delete, "/access-token/revoke/tokens/user", """{"userId":"patuserrule"}""");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var received = await node.SendAsync("jwtsvc", bearer: pat);

        Assert.Equal(InvalidToken, received.RequestFailure);
    }

    [Fact]
    public async Task Pat_RevokedByAScopeRule_FailureHeader()
    {
        var pat = await GeneratePatAsync("patscoperule", "patscopesvc");
        using var revoked = await SendAsAsync(HttpMethod.Delete, "/access-token/revoke/tokens/scope", """{"serviceId":"patscopesvc"}""");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var received = await node.SendAsync("patscopesvc", shape: r => r.Headers.Add("PRIVATE-TOKEN", pat));

        Assert.Equal(InvalidToken, received.RequestFailure);
    }

    [Fact]
    public async Task Pat_ExpiredOrForged_FailureHeader()
    {
        var expired = new TokenIssuer(node.Node.Services.GetRequiredService<JwtSigningKeys>(), new ManualClock(DateTimeOffset.UtcNow.AddDays(-3)))
            .IssuePersonalAccessToken("user", TimeSpan.FromDays(1), ["jwtsvc"]).Jwt;
        using var certificate = ServiceCertificates.SelfSigned("forger");
        using var forgerKeys = JwtSigningKeys.Create(certificate, []);
        var forged = new TokenIssuer(forgerKeys, TimeProvider.System).IssuePersonalAccessToken("user", TimeSpan.FromDays(1), ["jwtsvc"]).Jwt;

        var late = await node.SendAsync("jwtsvc", shape: r => r.Headers.Add("PRIVATE-TOKEN", expired));
        var fake = await node.SendAsync("jwtsvc", bearer: forged);

        Assert.Equal("ZWEAG103E The token has expired", late.RequestFailure);
        Assert.Equal(InvalidToken, fake.RequestFailure);
    }

    /// <summary>
    /// Signed by the node's key as the generate endpoint does (PatEndpointTests covers that endpoint); the dummy
    /// provider knows only <c>user</c>, and rules made here must not revoke other tests' PATs.
    /// </summary>
    private Task<string> GeneratePatAsync(string user, params string[] scopes) =>
        Task.FromResult(node.Node.Services.GetRequiredService<TokenIssuer>().IssuePersonalAccessToken(user, TimeSpan.FromDays(1), scopes).Jwt);

    /// <summary>The token a zoweJwt service in the PAT's scopes receives for a caller with a new PAT of <paramref name="user"/>.</summary>
    private async Task<string> MintedForPatAsync(string user, string scope)
    {
        var received = await node.SendAsync(scope, bearer: await GeneratePatAsync(user, scope));
        Assert.Null(received.RequestFailure);
        return received.Cookies[CookieName];
    }

    private Task<HttpResponseMessage> QueryAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, node.Gateway("/gateway/api/v1/auth/query"));
        request.Headers.Add("Cookie", $"{CookieName}={token}");
        return node.Client.SendAsync(request);
    }

    /// <summary>As <c>user</c>, whom the node's saf.yml grants READ on APIML.SERVICES.</summary>
    private Task<HttpResponseMessage> SendAsAsync(HttpMethod method, string path, string body)
    {
        var request = new HttpRequestMessage(method, node.Gateway("/gateway/api/v1/auth" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:user")));
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return node.Client.SendAsync(request);
    }
}
