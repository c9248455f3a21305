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
