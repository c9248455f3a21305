using System.Text;
using ApiMlCluster.Gateway.PassTickets;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>What a service behind each authentication scheme receives, through a real node's gateway port.</summary>
public sealed partial class SchemeTests(SchemeNode node) : IClassFixture<SchemeNode>
{
    private const string CookieName = "apimlAuthenticationToken";

    [Fact]
    public async Task Bypass_WithPassCredentials_CredentialsPassThroughUnchanged()
    {
        var token = await node.Api.TokenAsync();

        var received = await node.SendAsync("passsvc", cookie: $"{CookieName}={token}; theme=dark", bearer: "other");

        Assert.Equal(($"{CookieName}={token}; theme=dark", "Bearer other", null), (received.Header("Cookie"), received.Header("Authorization"), received.RequestFailure));
    }

    [Fact]
    public async Task Bypass_ServiceGetsNeitherTheTokenCookieInAnyCaseNorTheCallersPassword()
    {
        var token = await node.Api.TokenAsync();

        var received = await node.SendAsync("bypasssvc", cookie: $"APIMLAUTHENTICATIONTOKEN={token}; theme=dark", shape: r =>
            r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:user"u8.ToArray())));

        Assert.Equal(("theme=dark", null), (received.Header("Cookie"), received.Header("Authorization")));
    }

    [Fact]
    public async Task ZoweJwt_BasicCredentials_AreNotForwardedToTheService()
    {
        // The caller's mainframe password: the scheme cannot use it (it fails), and the service must never see it.
        var received = await node.SendAsync("jwtsvc", shape: r =>
            r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:user"u8.ToArray())));

        Assert.NotNull(received.RequestFailure);
        Assert.Null(received.Header("Authorization"));
    }

    [Fact]
    public async Task ZoweJwt_Cookie_ServiceGetsTheTokenAsCookieAndCustomHeaderAndKeepsOtherCookies()
    {
        var token = await node.Api.TokenAsync();

        var received = await node.SendAsync("jwtsvc", cookie: $"theme=dark; {CookieName}={token}; personalAccessToken=pat");

        Assert.Equal($"theme=dark; {CookieName}={token}", received.Header("Cookie"));
        Assert.Equal(token, received.Header(SchemeNode.JwtHeader));
        Assert.Null(received.RequestFailure);
    }

    [Fact]
    public async Task ZoweJwt_Bearer_ServiceGetsCookieAndNoAuthorization()
    {
        var token = await node.Api.TokenAsync();

        var received = await node.SendAsync("jwtsvc", bearer: token, shape: r => r.Headers.Add("PRIVATE-TOKEN", "pat"));

        Assert.Equal((token, null, null), (received.Cookies[CookieName], received.Header("Authorization"), received.Header("PRIVATE-TOKEN")));
    }

    [Fact]
    public async Task ZoweJwt_ClientCertificate_ServiceGetsAMintedTokenForTheMappedUser()
    {
        var first = await node.SendAsync("jwtsvc", node.CertificateClient);
        var second = await node.SendAsync("jwtsvc", node.CertificateClient);

        var minted = first.Cookies[CookieName];
        Assert.Equal("ALICE", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(minted).Subject);
        Assert.Equal(minted, second.Cookies[CookieName]);
        using var query = await node.Api.QueryAsync(minted);
        Assert.Equal(System.Net.HttpStatusCode.OK, query.StatusCode);
    }

    [Fact]
    public async Task ZoweJwt_NoCredentials_ForwardedWithMissingAuthenticationFailure()
    {
        var received = await node.SendAsync("jwtsvc");

        Assert.Equal("ZWEAG160E No authentication provided in the request", received.RequestFailure);
        Assert.Equal(received.RequestFailure, received.ResponseFailure);
    }

    [Fact]
    public async Task ZoweJwt_UntrustedClientCertificate_IsNoCredential()
    {
        var received = await node.SendAsync("jwtsvc", node.UntrustedClient);

        Assert.Equal("ZWEAG160E No authentication provided in the request", received.RequestFailure);
    }

    [Fact]
    public async Task ZoweJwt_ForgedToken_ForwardedWithInvalidTokenFailureAndTheCallersCookie()
    {
        var forged = SchemeNode.ForgedToken();

        var received = await node.SendAsync("jwtsvc", cookie: $"{CookieName}={forged}");

        Assert.Equal(("ZWEAG102E Token is not valid", "ZWEAG102E Token is not valid"), (received.RequestFailure, received.ResponseFailure));
        Assert.Null(received.Header(SchemeNode.JwtHeader));
    }

    [Fact]
    public async Task ZoweJwt_ExpiredToken_ForwardedWithExpiredFailure()
    {
        var received = await node.SendAsync("jwtsvc", bearer: node.ExpiredToken());

        Assert.Equal(("ZWEAG103E The token has expired", "ZWEAG103E The token has expired"), (received.RequestFailure, received.ResponseFailure));
    }

    [Fact]
    public async Task ZoweJwt_RevokedToken_ForwardedWithInvalidTokenFailure()
    {
        var token = await node.Api.TokenAsync();
        using (var logout = await node.Api.LogoutAsync(token))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, logout.StatusCode);
        }

        var received = await node.SendAsync("jwtsvc", cookie: $"{CookieName}={token}");

        Assert.Equal("ZWEAG102E Token is not valid", received.RequestFailure);
    }

    [Fact]
    public async Task ZoweJwt_CallerSendsItsOwnFailureHeader_ServiceDoesNotSeeIt()
    {
        var token = await node.Api.TokenAsync();

        var received = await node.SendAsync("jwtsvc", bearer: token, shape: r => r.Headers.Add("X-Zowe-Auth-Failure", "spoofed"));

        Assert.Null(received.RequestFailure);
    }

    [Fact]
    public async Task PassTicket_Cookie_ServiceGetsBasicWithAPassTicketThatVerifiesForTheApplid()
    {
        var token = await node.Api.TokenAsync();

        var received = await node.SendAsync("ptsvc", cookie: $"{CookieName}={token}; theme=dark");

        var (user, ticket) = Basic(received);
        Assert.Equal("user", user);
        Assert.Equal(PassTicketVerdict.Valid, SchemeNode.NewEvaluator().Evaluate("user", "ZOWEAPPL", ticket));
        Assert.Equal(("user", ticket, "theme=dark"), (received.Header(SchemeNode.UserHeader), received.Header(SchemeNode.TicketHeader), received.Header("Cookie")));
    }

    [Fact]
    public async Task PassTicket_LegacyKey_TicketVerifies()
    {
        var token = await node.Api.TokenAsync();

        var (user, ticket) = Basic(await node.SendAsync("legacysvc", bearer: token));

        Assert.Equal(PassTicketVerdict.Valid, SchemeNode.NewEvaluator().Evaluate(user, "TSO", ticket));
    }

    [Fact]
    public async Task PassTicket_ClientCertificate_TicketIsForTheMappedUser()
    {
        var (user, ticket) = Basic(await node.SendAsync("ptsvc", node.CertificateClient));

        Assert.Equal("ALICE", user);
        Assert.Equal(PassTicketVerdict.Valid, SchemeNode.NewEvaluator().Evaluate("ALICE", "ZOWEAPPL", ticket));
    }

    [Fact]
    public async Task PassTicket_NoCredentials_ForwardedWithFailureAndNoAuthorization()
    {
        var received = await node.SendAsync("ptsvc", shape: r => r.Headers.Add("X-Certificate-CommonName", "admin"));

        Assert.Equal(("ZWEAG160E No authentication provided in the request", null, null), (received.RequestFailure, received.Header("Authorization"), received.Header("X-Certificate-CommonName")));
    }

    [Fact]
    public async Task PassTicket_ServiceWithoutApplid_ForwardedWithMissingApplicationNameFailure()
    {
        var token = await node.Api.TokenAsync();

        var received = await node.SendAsync("ptnoapplid", bearer: token);

        Assert.Equal("ZWEAG140E The 'applicationName' parameter name is missing.", received.RequestFailure);
    }

    [Fact]
    public async Task PassTicket_ApplidWithoutKey_ForwardedWithGenerationFailure()
    {
        var token = await node.Api.TokenAsync();

        var received = await node.SendAsync("ptunknown", bearer: token);

        Assert.Equal("ZWEAG141E The generation of the PassTicket failed. Reason: no PassTicket key is configured for APPLID NOKEY", received.RequestFailure);
    }

    [Fact]
    public async Task Zosmf_SessionWithoutZosmfToken_ForwardedWithNoZosmfTokenFailure()
    {
        var token = await node.Api.TokenAsync();

        var received = await node.SendAsync("zosmfsvc", bearer: token);

        Assert.StartsWith("ZWEAZ601W No z/OSMF token is available", received.RequestFailure);
        Assert.Null(received.Header("Authorization"));
    }

    [Fact]
    public async Task Zosmf_SessionWithZosmfJwt_ServiceGetsJwtTokenCookieWithoutAuthorizationOrApimlCookie()
    {
        var token = await node.SessionTokenAsync(new Dictionary<string, string> { ["zosmf.jwt"] = "zosmf-jwt" });

        var received = await node.SendAsync("zosmfsvc", bearer: token, cookie: $"theme=dark; {CookieName}={token}");

        Assert.Equal(("theme=dark; jwtToken=zosmf-jwt", null, null), (received.Header("Cookie"), received.Header("Authorization"), received.RequestFailure));
    }

    [Fact]
    public async Task Zosmf_SessionWithLtpaOnly_ServiceGetsLtpaToken2Cookie()
    {
        var token = await node.SessionTokenAsync(new Dictionary<string, string> { ["zosmf.ltpa"] = "ltpa-value" });

        var received = await node.SendAsync("zosmfsvc", cookie: $"{CookieName}={token}");

        Assert.Equal("LtpaToken2=ltpa-value", received.Header("Cookie"));
    }

    [Fact]
    public async Task X509_TrustedCertificate_ServiceGetsTheThreeCertificateHeaders()
    {
        var received = await node.SendAsync("x509svc", node.CertificateClient, shape: r => r.Headers.Add("X-Certificate-CommonName", "admin"));

        Assert.Equal(Convert.ToBase64String(node.ClientCertificate.RawData), received.Header("X-Certificate-Public"));
        Assert.Equal(node.ClientCertificate.Subject, received.Header("X-Certificate-DistinguishedName"));
        Assert.Equal("alice-cert", received.Header("X-Certificate-CommonName"));
        Assert.Null(received.RequestFailure);
    }

    [Fact]
    public async Task X509_HeadersMetadata_OnlyTheListedHeaderIsSent()
    {
        var received = await node.SendAsync("x509cn", node.CertificateClient);

        Assert.Equal(("alice-cert", null, null), (received.Header("X-Certificate-CommonName"), received.Header("X-Certificate-Public"), received.Header("X-Certificate-DistinguishedName")));
    }

    [Fact]
    public async Task X509_NoCertificate_ForwardedWithFailureAndNoCertificateHeaders()
    {
        var received = await node.SendAsync("x509svc", shape: r => r.Headers.Add("X-Certificate-CommonName", "admin"));

        Assert.Equal(("ZWEAG167E No client certificate provided in the request", null), (received.RequestFailure, received.Header("X-Certificate-CommonName")));
        Assert.Equal(received.RequestFailure, received.ResponseFailure);
    }

    [Fact]
    public async Task X509_UntrustedCertificate_ForwardedWithFailure()
    {
        var received = await node.SendAsync("x509svc", node.UntrustedClient);

        Assert.Equal(("ZWEAG167E No client certificate provided in the request", null), (received.RequestFailure, received.Header("X-Certificate-Public")));
    }

    [Fact]
    public async Task SafIdt_Token_ServiceGetsTheProvidersIdtWhichIsCachedPerUser()
    {
        var token = await node.Api.TokenAsync();

        var first = await node.SendAsync("idtsvc", cookie: $"{CookieName}={token}");
        var callsAfterFirst = node.Saf.Calls;
        var second = await node.SendAsync("idtsvc", bearer: token);

        var idt = first.Header("X-SAF-Token");
        Assert.NotNull(idt);
        Assert.Contains("\"sub\":\"user\"", Encoding.UTF8.GetString(Convert.FromBase64String(Pad(idt!.Split('.')[1]))), StringComparison.Ordinal);
        Assert.Equal((idt, callsAfterFirst), (second.Header("X-SAF-Token"), node.Saf.Calls));
        Assert.Null(first.Header("Cookie"));
        Assert.StartsWith("CN=localhost", node.Saf.ClientCertificates[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SafIdt_NoCredentials_ForwardedWithFailureAndProviderNotCalled()
    {
        var calls = node.Saf.Calls;

        var received = await node.SendAsync("idtsvc");

        Assert.Equal(("ZWEAG160E No authentication provided in the request", calls), (received.RequestFailure, node.Saf.Calls));
    }

    private static (string User, string Ticket) Basic(Received received)
    {
        var authorization = received.Header("Authorization");
        Assert.NotNull(authorization);
        Assert.StartsWith("Basic ", authorization, StringComparison.Ordinal);
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..])).Split(':', 2);
        return (pair[0], pair[1]);
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
