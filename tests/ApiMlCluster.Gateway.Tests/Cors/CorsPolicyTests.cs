using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Gateway.Cors;

namespace ApiMlCluster.Gateway.Tests.Cors;

public sealed class CorsPolicyTests
{
    private const string Gateway = "https://gw.example.com:7554";
    private static readonly CorsSettings Enabled = new(true, ["*"]);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://gw.example.com:7554")]
    [InlineData("https://GW.example.com:7554")]
    public void Decide_NoOriginOrTheGatewaysOwn_IsNotCors(string? origin) =>
        Assert.Equal(CorsVerdict.NotCors, CorsPolicy.Decide(new CorsRequest("GET", origin, null, null, Gateway), gatewayCorsEnabled: false, CorsSettings.Disabled).Verdict);

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Decide_CrossOriginWithCorsOffForGatewayOrService_IsRefused(bool gateway, bool service)
    {
        var settings = new CorsSettings(service, ["*"]);

        Assert.Equal(CorsVerdict.Refused, CorsPolicy.Decide(Preflight("https://app.example.com", "GET"), gateway, settings).Verdict);
        Assert.Equal(CorsVerdict.Refused, CorsPolicy.Decide(Actual("https://app.example.com"), gateway, settings).Verdict);
    }

    [Fact]
    public void Decide_AllowedPreflight_EchoesOriginAndRequestedHeaders()
    {
        var decision = CorsPolicy.Decide(Preflight("https://app.example.com", "PUT", "content-type, x-custom"), true, Enabled);

        Assert.Equal(new CorsDecision(CorsVerdict.Preflight, "https://app.example.com", "content-type, x-custom"), decision);
    }

    [Fact]
    public void Decide_PreflightForAMethodNotAllowed_IsRefused() =>
        Assert.Equal(CorsVerdict.Refused, CorsPolicy.Decide(Preflight("https://app.example.com", "TRACE"), true, Enabled).Verdict);

    [Theory]
    [InlineData("https://app.example.com", true)]
    [InlineData("https://APP.example.com/", true)]
    [InlineData("https://other.example.com", false)]
    public void Decide_ListedOrigins_OnlyThoseAreAllowed(string origin, bool allowed)
    {
        var listed = new CorsSettings(true, ["https://app.example.com", "https://tools.example.com"]);

        Assert.Equal(allowed ? CorsVerdict.Allowed : CorsVerdict.Refused, CorsPolicy.Decide(Actual(origin), true, listed).Verdict);
    }

    [Theory]
    [InlineData("https://app.example.com", true)]
    [InlineData("https://elsewhere.example.org", false)]
    public void Decide_Credentials_OnlyForAnOriginListedByName(string origin, bool credentials)
    {
        var listedAndAny = new CorsSettings(true, ["https://app.example.com", "*"]);

        var decision = CorsPolicy.Decide(Actual(origin), true, listedAndAny);

        Assert.Equal((CorsVerdict.Allowed, credentials), (decision.Verdict, decision.Credentials));
    }

    private static CorsRequest Preflight(string origin, string method, string? headers = null) => new("OPTIONS", origin, method, headers, Gateway);

    private static CorsRequest Actual(string origin) => new("POST", origin, null, null, Gateway);
}
