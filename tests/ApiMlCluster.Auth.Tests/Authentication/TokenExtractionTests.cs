using ApiMlCluster.Auth.Authentication;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Auth.Tests.Authentication;

public sealed class TokenExtractionTests
{
    private const string Cookie = "apimlAuthenticationToken";

    [Fact]
    public void From_CookieOnly_ReturnsTheCookie() => Assert.Equal("c", Extract(cookie: "c").Token);

    [Fact]
    public void From_BearerOnly_ReturnsTheBearerToken() => Assert.Equal("b", Extract(authorization: "Bearer b").Token);

    [Fact]
    public void From_CookieAndSameBearer_ReturnsTheToken() => Assert.Equal("t", Extract(cookie: "t", authorization: "Bearer t").Token);

    [Fact]
    public void From_CookieAndDifferentBearer_IsAConflict() => Assert.True(Extract(cookie: "c", authorization: "Bearer b").Conflict);

    [Fact]
    public void From_LowerCaseBearer_IsNotAToken() => Assert.Null(Extract(authorization: "bearer b").Token);

    [Fact]
    public void From_EmptyCookie_IsIgnored() => Assert.Null(Extract(cookie: "").Token);

    [Fact]
    public void From_BasicAuthorization_IsNotAToken() => Assert.Null(Extract(authorization: "Basic dTpw").Token);

    [Theory]
    [InlineData("apimlAuthenticationToken=tok")]
    [InlineData("a=1; apimlAuthenticationToken=tok; b=2")]
    [InlineData("a=1;apimlAuthenticationToken=tok")]
    [InlineData("apimlAuthenticationToken=\"tok\"")]
    [InlineData("apimlAuthenticationToken=to%6B")]
    [InlineData("apimlAuthenticationToken=first; apimlAuthenticationToken=second")]
    [InlineData("apimlAuthenticationToken=")]
    [InlineData("apimlAuthenticationToken.2=other")]
    [InlineData("junk; apimlAuthenticationToken=tok")]
    [InlineData("a=\"x;y\"; apimlAuthenticationToken=tok")]
    [InlineData("APIMLAUTHENTICATIONTOKEN=tok")]
    [InlineData("")]
    public void From_AnyCookieHeader_FindsWhatAspNetCoreFinds(string header)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = header;
        var aspNetCore = new DefaultHttpContext();
        aspNetCore.Request.Headers.Cookie = header;

        var expected = aspNetCore.Request.Cookies[Cookie] is { Length: > 0 } value ? value : null;

        Assert.Equal(expected, TokenExtraction.From(context.Request, Cookie).Token);
    }

    [Fact]
    public void From_TwoCookieHeaders_FindsTheTokenInEither()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = new Microsoft.Extensions.Primitives.StringValues(["a=1", $"{Cookie}=tok"]);

        Assert.Equal("tok", TokenExtraction.From(context.Request, Cookie).Token);
    }

    [Fact]
    public void From_APlainCookie_IsMaterializedByTheCaller()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"a=1; {Cookie}=tok";

        Assert.Equal("known:tok", TokenExtraction.From(context.Request, Cookie, span => "known:" + span.ToString()).Token);
    }

    private static ExtractedToken Extract(string? cookie = null, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{Cookie}={cookie}";
        }

        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return TokenExtraction.From(context.Request, Cookie);
    }
}
