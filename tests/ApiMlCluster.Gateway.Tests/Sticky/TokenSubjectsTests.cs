using System.Text;
using ApiMlCluster.Gateway.Sticky;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Tests.Sticky;

public sealed class TokenSubjectsTests
{
    private readonly TokenSubjects subjects = new("apimlAuthenticationToken");

    [Fact]
    public void UserOf_TokenCookie_IsItsSubject()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"other=1; apimlAuthenticationToken={Token("""{"sub":"USER1","iss":"APIML"}""")}";

        Assert.Equal("USER1", subjects.UserOf(context.Request));
    }

    [Fact]
    public void UserOf_BearerToken_IsItsSubject()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + Token("""{"sub":"user2"}""");

        Assert.Equal("user2", subjects.UserOf(context.Request));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.!!!.c")]
    [InlineData("a.e30.c")]
    public void UserOf_NoReadableSubject_IsNull(string token)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + token;

        Assert.Null(subjects.UserOf(context.Request));
    }

    [Fact]
    public void UserOf_NoToken_IsNull() => Assert.Null(subjects.UserOf(new DefaultHttpContext().Request));

    private static string Token(string payload) =>
        $"eyJhbGciOiJub25lIn0.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.sig";
}
