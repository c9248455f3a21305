using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiMlCluster.Node.Tests.Auth;

/// <summary>Zowe's auth API on one real node (Kestrel, TLS, cluster of one, SQLite), as Zowe CLI and browsers call it.</summary>
public sealed class AuthEndpointTests(AuthEndpointTests.AuthNode fixture) : IClassFixture<AuthEndpointTests.AuthNode>
{
    private readonly TempWorkspace temp = fixture.Temp;
    private readonly int[] ports = fixture.Ports;
    private readonly RunningNode node = fixture.Node;
    private readonly AuthApi api = fixture.Api;

    [Fact]
    public async Task AccessTokenEndpoints_PersonalAccessTokensDisabled_DoNotExist()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, api.Url("/access-token/generate"))
        {
            Content = new StringContent("""{"validity":1,"scopes":["a"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("user:user"u8.ToArray()));
        using var response = await node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Login_Basic_Answers204WithZowesSessionCookie()
    {
        using var response = await api.LoginAsync("user", "user");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches(@"^apimlAuthenticationToken=[\w-]+\.[\w-]+\.[\w-]+; Path=/; SameSite=Strict; HttpOnly; Secure$", cookie);
    }

    [Fact]
    public async Task Login_Token_CarriesZowesClaimsAndTheKeyId()
    {
        var token = new JsonWebToken(await api.TokenAsync());

        Assert.Equal(("RS256", "APIML", "user", "Dummy provider"), (token.Alg, token.Issuer, token.Subject, token.GetClaim("dom").Value));
        Assert.True(Guid.TryParse(token.Id, out _));
        Assert.Equal(TimeSpan.FromHours(8), token.ValidTo - token.IssuedAt);
        Assert.Equal(node.Services.GetRequiredService<JwtSigningKeys>().CurrentKeyId, token.Kid);
    }

    [Fact]
    public async Task Login_ShortLivedTestUser_Gets50SecondToken()
    {
        var token = new JsonWebToken(await api.TokenAsync("expire", "expire"));

        Assert.Equal(TimeSpan.FromSeconds(50), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task Login_JsonBody_Answers204()
    {
        using var response = await api.LoginWithBodyAsync("""{"username":"user","password":"user"}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_Is401InvalidCredentials()
    {
        using var response = await api.LoginAsync("expire", "wrong");

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG120E");
        Assert.Equal("Invalid username or password for URL '/zaas/api/v1/auth/login'", message.GetProperty("messageContent").GetString());
        Assert.Equal("org.zowe.apiml.security.login.invalidCredentials", message.GetProperty("messageKey").GetString());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"username":"user"}""")]
    [InlineData("")]
    public async Task Login_BadBody_Is400InvalidInput(string body)
    {
        using var response = await api.LoginWithBodyAsync(body);

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAG121E");
    }

    [Fact]
    public async Task Login_JsonBodyAsTextPlain_Is400AndSetsNoCookie()
    {
        // Login CSRF: a cross-site form can post text/plain, never application/json.
        using var response = await api.LoginWithBodyAsync("""{"username":"user","password":"user","x":"="}""", "text/plain");

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAG121E");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Login_MalformedBasicHeader_Is400InvalidInput()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, api.Url("/login"));
        request.Headers.TryAddWithoutValidation("Authorization", "Basic %%%");
        using var response = await node.Client.SendAsync(request);

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAG121E");
    }

    [Fact]
    public async Task Login_OneMegabyteBody_Is400AndTheNodeKeepsServing()
    {
        using var response = await api.LoginWithBodyAsync(new string('x', 1024 * 1024));

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAG121E");
        await api.TokenAsync();
    }

    [Theory]
    [InlineData("GET", "/login")]
    [InlineData("DELETE", "/logout")]
    [InlineData("POST", "/query")]
    [InlineData("PUT", "/keys/public/all")]
    public async Task WrongMethod_Is405InvalidMethod(string method, string path)
    {
        using var response = await node.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), api.Url(path)));

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.MethodNotAllowed, "ZWEAG101E");
        Assert.Contains($"'{method}'", message.GetProperty("messageContent").GetString());
    }

    [Fact]
    public async Task Query_WithCookie_ReturnsDomainUserAndZoweDates()
    {
        var token = await api.TokenAsync();

        using var response = await api.QueryAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Dummy provider", body.GetProperty("domain").GetString());
        Assert.Equal("user", body.GetProperty("userId").GetString());
        var jwt = new JsonWebToken(token);
        Assert.Equal(jwt.IssuedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'"), body.GetProperty("creation").GetString());
        Assert.Equal(jwt.ValidTo.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'"), body.GetProperty("expiration").GetString());
    }

    [Fact]
    public async Task Query_WithBearer_Answers200()
    {
        using var response = await api.SendWithBearerAsync(HttpMethod.Get, "/query", await api.TokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Query_NoToken_Is401TokenNotProvided()
    {
        using var response = await node.Client.GetAsync(api.Url("/query"));

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG131E");
        Assert.Equal("No authorization token provided for URL '/zaas/api/v1/auth/query'", message.GetProperty("messageContent").GetString());
    }

    [Fact]
    public async Task Query_CookieAndDifferentBearer_Is401InvalidToken()
    {
        var first = await api.TokenAsync();
        var second = await api.TokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, api.Url("/query"));
        request.Headers.Add("Cookie", $"apimlAuthenticationToken={first}");
        request.Headers.Add("Authorization", $"Bearer {second}");

        using var response = await node.Client.SendAsync(request);

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG130E");
    }

    [Fact]
    public async Task Query_ExpiredToken_Is401Expired()
    {
        var keys = node.Services.GetRequiredService<JwtSigningKeys>();
        var expired = new TokenIssuer(keys, new ManualClock(DateTimeOffset.UtcNow.AddHours(-2))).Issue("user", null, TimeSpan.FromHours(1));

        using var response = await api.QueryAsync(expired.Jwt);

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAT100E");
    }

    [Fact]
    public async Task Query_ForgedTokens_Are401InvalidToken()
    {
        var token = await api.TokenAsync();
        var parts = token.Split('.');
        var noneHeader = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var otherUser = Base64Url(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1]))).Replace("\"user\"", "\"admin\""));
        using var foreignKey = RSA.Create(2048);
        var foreign = new JsonWebTokenHandler().CreateToken(
            """{"sub":"user","iss":"APIML","jti":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","iat":1,"exp":4102444800}""",
            new Microsoft.IdentityModel.Tokens.SigningCredentials(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(foreignKey), "RS256"));

        foreach (var forged in new[] { $"{noneHeader}.{parts[1]}.", $"{parts[0]}.{otherUser}.{parts[2]}", foreign, "garbage" })
        {
            using var response = await api.QueryAsync(forged);
            await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG130E");
        }
    }

    [Fact]
    public async Task Logout_Answers204AndTheTokenIsThenRejected()
    {
        var token = await api.TokenAsync();

        using var logout = await api.LogoutAsync(token);
        using var query = await api.QueryAsync(token);
        using var again = await api.LogoutAsync(token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await AuthApi.MessageAsync(query, HttpStatusCode.Unauthorized, "ZWEAG130E");
        await AuthApi.MessageAsync(again, HttpStatusCode.Unauthorized, "ZWEAG130E");
    }

    [Fact]
    public async Task Logout_OtherSessionsOfTheSameUser_StayValid()
    {
        var kept = await api.TokenAsync();
        using var logout = await api.LogoutAsync(await api.TokenAsync());

        using var query = await api.QueryAsync(kept);

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
    }

    [Fact]
    public async Task Logout_MalformedToken_Is400()
    {
        using var response = await api.LogoutAsync("not-a-jwt");

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAG130E");
    }

    [Fact]
    public async Task Keys_JwksAndPem_PublishTheSigningKeyWithItsKid()
    {
        var kid = new JsonWebToken(await api.TokenAsync()).Kid;

        var all = JsonDocument.Parse(await node.Client.GetStringAsync(api.Url("/keys/public/all"))).RootElement.GetProperty("keys");
        var current = JsonDocument.Parse(await node.Client.GetStringAsync(api.Url("/keys/public/current"))).RootElement.GetProperty("keys");
        var pem = await node.Client.GetStringAsync(api.Url("/keys/public"));

        Assert.Contains(all.EnumerateArray(), k => k.GetProperty("kid").GetString() == kid);
        Assert.Equal(kid, Assert.Single(current.EnumerateArray()).GetProperty("kid").GetString());
        Assert.DoesNotContain(all.EnumerateArray(), k => k.TryGetProperty("d", out _));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_WithTrustedClientCertificate_IssuesANewTokenAndRevokesTheOld()
    {
        using var client = ClientWith(IssueClientCertificate("refresher"));
        var refreshApi = new AuthApi(client, ports[0]);
        var old = await api.TokenAsync();

        using var refresh = await refreshApi.SendWithCookieAsync(HttpMethod.Post, "/refresh", old);

        Assert.Equal(HttpStatusCode.NoContent, refresh.StatusCode);
        var fresh = refreshApi.TokenFrom(refresh);
        Assert.NotEqual(old, fresh);
        using var oldQuery = await api.QueryAsync(old);
        using var freshQuery = await api.QueryAsync(fresh);
        await AuthApi.MessageAsync(oldQuery, HttpStatusCode.Unauthorized, "ZWEAG130E");
        Assert.Equal(HttpStatusCode.OK, freshQuery.StatusCode);
    }

    [Fact]
    public async Task Refresh_TokenMintedForAPatCaller_Is401AndIssuesNothing()
    {
        var issuer = node.Services.GetRequiredService<TokenIssuer>();
        var pat = issuer.IssuePersonalAccessToken("user", TimeSpan.FromDays(1), ["jwtsvc"]);
        var minted = issuer.IssueForPersonalAccessToken(pat.Claims, TimeSpan.FromHours(8)).Jwt;
        using var client = ClientWith(IssueClientCertificate("refresher-pat"));

        using var refresh = await new AuthApi(client, ports[0]).SendWithCookieAsync(HttpMethod.Post, "/refresh", minted);

        await AuthApi.MessageAsync(refresh, HttpStatusCode.Unauthorized, "ZWEAG130E");
        Assert.False(refresh.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Refresh_WithoutClientCertificate_Is403()
    {
        using var response = await api.SendWithCookieAsync(HttpMethod.Post, "/refresh", await api.TokenAsync());

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
    }

    [Fact]
    public async Task Login_MappedClientCertificate_LogsInAsTheMappedUser()
    {
        using var client = ClientWith(IssueClientCertificate("alice"));

        using var response = await client.PostAsync(api.Url("/login"), null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("ALICE", new JsonWebToken(api.TokenFrom(response)).Subject);
    }

    [Fact]
    public async Task Login_UntrustedClientCertificate_Is401()
    {
        using var client = ClientWith(ServiceCertificates.SelfSigned("alice"));

        using var response = await client.PostAsync(api.Url("/login"), null);

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG120E");
    }

    private HttpClient ClientWith(X509Certificate2 certificate) =>
        TrustingClient.Create(node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(10), certificate);

    private X509Certificate2 IssueClientCertificate(string commonName) => ServiceCertificates.IssueTrusted(node.Config, temp, commonName);

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }

    /// <summary>One node for the class: every test uses its own tokens, so they cannot see each other's sessions.</summary>
    public sealed class AuthNode : IAsyncLifetime
    {
        private const string Security = "{ auth: { provider: dummy }, allowTokenRefresh: true, x509: { enabled: true, mappingFile: mapping.yaml }, personalAccessToken: { enabled: false } }";

        public TempWorkspace Temp { get; } = new();

        public int[] Ports { get; } = FreePorts.Take(4);

        internal RunningNode Node { get; private set; } = null!;

        internal AuthApi Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Temp.WriteFile("mapping.yaml", "mappings:\n  - cn: alice\n    user: ALICE\n");
            Node = await RunningNode.StartAsync(ZoweConfigLoader.Load(Temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(Ports, security: Security)), null));
            await Node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
            Api = new AuthApi(Node.Client, Ports[0]);
        }

        public async Task DisposeAsync()
        {
            await Node.DisposeAsync();
            Temp.Dispose();
        }
    }
}
