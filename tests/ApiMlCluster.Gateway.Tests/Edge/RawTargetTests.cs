using ApiMlCluster.Gateway.Edge;

namespace ApiMlCluster.Gateway.Tests.Edge;

public sealed class RawTargetTests
{
    [Theory]
    [InlineData("/svc/api/v1/a%2Fb?x=1", "/svc/api/v1/a%2Fb")]
    [InlineData("/svc/api/v1/a", "/svc/api/v1/a")]
    [InlineData("https://gw:7554/svc/api/v1/a%20b?q", "/svc/api/v1/a%20b")]
    [InlineData("https://gw:7554", "/")]
    [InlineData("*", "/")]
    public void PathOf_RequestTarget_IsThePathStillEncoded(string target, string expected) =>
        Assert.Equal(expected, RawTarget.PathOf(target));

    [Theory]
    [InlineData("/svc/api/v1/a%2Fb/c%20d", "/svc/api/v1/a%2Fb/c d", "/a%2Fb/c%20d")]
    [InlineData("/svc/api/v1", "/svc/api/v1", "")]
    [InlineData("/svc/api/v1/", "/svc/api/v1/", "/")]
    [InlineData("/svc//api/v1/%41", "/svc//api/v1/A", "/%41")]
    public void RestStart_TheRoutePrefix_KeepsTheClientsEncoding(string raw, string decoded, string expected)
    {
        var consumed = decoded.IndexOf("v1", StringComparison.Ordinal) + 2;

        Assert.Equal(expected, raw[RawTarget.RestStart(raw, decoded, consumed)..]);
    }

    [Fact]
    public void RestStart_SlashesThatDoNotLineUp_IsMinusOne() =>
        Assert.Equal(-1, RawTarget.RestStart("/svc/api/v1/a/../b", "/svc/api/v1/b", "/svc/api/v1".Length));
}
