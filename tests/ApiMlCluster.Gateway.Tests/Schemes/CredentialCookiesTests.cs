using ApiMlCluster.Gateway.Schemes;
using Microsoft.Extensions.Primitives;

namespace ApiMlCluster.Gateway.Tests.Schemes;

public sealed class CredentialCookiesTests
{
    private static readonly CredentialCookies Cookies = new("apimlAuthenticationToken");
    private static readonly KeyValuePair<string, string> Token = KeyValuePair.Create("apimlAuthenticationToken", "jwt.value.sig");

    [Fact]
    public void WithoutCredentials_OnlyTheSameTokenCookie_SendsItUnchanged()
    {
        var kept = Cookies.WithoutCredentials(new StringValues("apimlAuthenticationToken=jwt.value.sig"), Token);

        Assert.Equal("apimlAuthenticationToken=jwt.value.sig", kept);
    }

    [Fact]
    public void WithoutCredentials_AnotherTokenValue_IsReplacedByTheSchemesToken()
    {
        var kept = Cookies.WithoutCredentials(new StringValues("apimlAuthenticationToken=jwt.value.sih"), Token);

        Assert.Equal("apimlAuthenticationToken=jwt.value.sig", kept);
    }

    [Fact]
    public void WithoutCredentials_OtherCookies_AreKeptAndCredentialCookiesDropped()
    {
        var headers = new StringValues(["theme=dark; personalAccessToken=pat", "apimlAuthenticationToken.2=old; lang=en"]);

        var kept = Cookies.WithoutCredentials(headers, Token);

        Assert.Equal("theme=dark; lang=en; apimlAuthenticationToken=jwt.value.sig", kept);
    }

    [Theory]
    [InlineData("APIMLAUTHENTICATIONTOKEN=stolen")]
    [InlineData("PersonalAccessToken=pat")]
    [InlineData("ApimlAuthenticationToken.3=old")]
    public void WithoutCredentials_CredentialCookieInAnotherCase_IsDroppedToo(string cookie)
    {
        var kept = Cookies.WithoutCredentials(new StringValues($"theme=dark; {cookie}"), null);

        Assert.Equal("theme=dark", kept);
    }

    [Fact]
    public void WithoutCredentials_NothingAdded_DropsOnlyCredentials()
    {
        var kept = Cookies.WithoutCredentials(new StringValues("apimlAuthenticationToken=jwt.value.sig; a=1"), null);

        Assert.Equal("a=1", kept);
    }
}
