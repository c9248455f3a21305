using ApiMlCluster.Core.Messages;
using ApiMlCluster.Gateway.Schemes;

namespace ApiMlCluster.Gateway.Tests.Schemes;

public sealed class SouthboundSchemesTests : IDisposable
{
    private readonly SchemeHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task TokenCaller_RevocationListNotLoaded_IsRefusedWith503NotForwarded()
    {
        using var loading = new SchemeHarness(revocationReady: false);
        var token = loading.Issuer.Issue("user", null, TimeSpan.FromHours(1)).Jwt;

        var (credentials, _) = await loading.SendAsync(SchemeHarness.Request(authorization: "Bearer " + token), "zoweJwt");

        Assert.Equal(CommonMessages.ServiceUnavailable, credentials.Refusal?.Message);
    }

    [Fact]
    public async Task Bypass_WithPassCredentialsAndTheRevocationListNotLoaded_PassesUnchanged()
    {
        using var loading = new SchemeHarness(revocationReady: false);

        var (credentials, proxied) = await loading.SendAsync(SchemeHarness.Request(authorization: "Bearer x"), "bypass", extra: PassCredentials);

        Assert.Same(SouthboundCredentials.Unchanged, credentials);
        Assert.Equal("Bearer x", SchemeHarness.Header(proxied, "Authorization"));
    }

    [Fact]
    public async Task Bypass_WithoutPassCredentials_DropsTheCallersApimlCredentialsOnly()
    {
        var request = SchemeHarness.Request($"theme=dark; {SchemeHarness.CookieName}=jwt; personalAccessToken=pat", "Basic dXNlcjp1c2Vy");
        request.Request.Headers["PRIVATE-TOKEN"] = "pat";

        var (credentials, proxied) = await harness.SendAsync(request, "bypass");

        Assert.Null(credentials.Failure);
        Assert.Null(SchemeHarness.Header(proxied, "Authorization"));
        Assert.Null(SchemeHarness.Header(proxied, "PRIVATE-TOKEN"));
        Assert.Equal("theme=dark", SchemeHarness.Header(proxied, "Cookie"));
    }

    [Fact]
    public async Task UnknownSchemeName_IsBypassWithoutTheCallersCredentials()
    {
        var (credentials, proxied) = await harness.SendAsync(SchemeHarness.Request(authorization: "Basic dXNlcjp1c2Vy"), "ZoweJWT");

        Assert.Null(credentials.Failure);
        Assert.Null(SchemeHarness.Header(proxied, "Authorization"));
    }

    private static readonly Dictionary<string, string> PassCredentials = new() { ["apiml.authentication.passCredentials"] = "true" };

    [Fact]
    public async Task ZoweJwt_CookieAndBearerDiffer_FailsAsInvalidToken()
    {
        var a = harness.Issuer.Issue("user", null, TimeSpan.FromHours(1)).Jwt;
        var b = harness.Issuer.Issue("user", null, TimeSpan.FromHours(1)).Jwt;

        var (credentials, proxied) = await harness.SendAsync(SchemeHarness.Request($"{SchemeHarness.CookieName}={a}", "Bearer " + b), "zoweJwt");

        Assert.Equal("ZWEAG102E Token is not valid", credentials.Failure);
        Assert.Equal(credentials.Failure, SchemeHarness.Header(proxied, SouthboundCredentials.FailureHeader));
    }

    [Fact]
    public async Task ZoweJwt_Success_StripsUniqueCookieVariantsAndPatCookieButKeepsOthers()
    {
        var token = harness.Issuer.Issue("user", null, TimeSpan.FromHours(1)).Jwt;
        var cookie = $"{SchemeHarness.CookieName}={token}; apimlAuthenticationToken.2=old; personalAccessToken=pat; JSESSIONID=abc; apimlAuthenticationTokenX=keep";

        var (_, proxied) = await harness.SendAsync(SchemeHarness.Request(cookie), "zoweJwt");

        Assert.Equal($"JSESSIONID=abc; apimlAuthenticationTokenX=keep; {SchemeHarness.CookieName}={token}", SchemeHarness.Header(proxied, "Cookie"));
    }

    [Fact]
    public async Task Zosmf_SessionWithJwtAndLtpa_SendsTheJwtWhenNotInLtpaMode()
    {
        var issued = harness.Issuer.Issue("user", null, TimeSpan.FromHours(1));
        harness.Sessions.Stored[issued.Claims.Id] = new Dictionary<string, string> { ["zosmf.jwt"] = "j", ["zosmf.ltpa"] = "l" };

        var (_, proxied) = await harness.SendAsync(SchemeHarness.Request(authorization: "Bearer " + issued.Jwt), "zosmf");

        Assert.Equal(("jwtToken=j", null), (SchemeHarness.Header(proxied, "Cookie"), SchemeHarness.Header(proxied, "Authorization")));
    }

    [Fact]
    public async Task PassTicket_UserNotARacfName_FailsWithGenerationFailure()
    {
        var token = harness.Issuer.Issue("averylonguser", null, TimeSpan.FromHours(1)).Jwt;

        var (credentials, proxied) = await harness.SendAsync(SchemeHarness.Request(authorization: "Bearer " + token), "httpBasicPassTicket", "ZOWEAPPL");

        Assert.StartsWith("ZWEAG141E The generation of the PassTicket failed. Reason: user ID averylonguser", credentials.Failure, StringComparison.Ordinal);
        Assert.Null(SchemeHarness.Header(proxied, "Authorization"));
    }
}
