using ApiMlCluster.Gateway.Edge;

namespace ApiMlCluster.Gateway.Tests.Edge;

public sealed class PathRulesTests
{
    [Theory]
    [InlineData("/svc/api/v1/a%2Fb")]
    [InlineData("/svc/api/v1/a%2fb")]
    [InlineData("/svc/api/v1/a%5Cb")]
    public void Check_EncodedSlashWhenNotAllowed_IsEncodedSlash(string path) =>
        Assert.Equal(PathProblem.EncodedSlash, PathRules.Check(path, allowEncodedSlashes: false));

    [Fact]
    public void Check_EncodedSlashWhenAllowed_IsFine() =>
        Assert.Equal(PathProblem.None, PathRules.Check("/svc/api/v1/a%2Fb", allowEncodedSlashes: true));

    [Theory]
    [InlineData("/svc/api/v1/../../other")]
    [InlineData("/svc/api/v1/./x")]
    [InlineData("/svc/api/v1/%2e%2e/x")]
    [InlineData("/svc/api/v1/%2E./x")]
    [InlineData("/svc/api/v1/..%2F..%2Fsecret")]
    [InlineData("/svc/api/v1/..%5Csecret")]
    [InlineData("/svc/api/v1/x/..")]
    public void Check_DotSegmentPlainOrEncoded_IsDotSegment(string path) =>
        Assert.Equal(PathProblem.DotSegment, PathRules.Check(path, allowEncodedSlashes: true));

    [Theory]
    [InlineData("/svc/api/v1/file.txt")]
    [InlineData("/svc/api/v1/...")]
    [InlineData("/svc/api/v1/..x")]
    [InlineData("/svc/api/v1/%252e%252e/x")]
    public void Check_DotsThatAreNotSegments_AreFine(string path) =>
        Assert.Equal(PathProblem.None, PathRules.Check(path, allowEncodedSlashes: true));

    [Theory]
    [InlineData("/svc/api/v1/a%20b", true)]
    [InlineData("/svc/api/v1/a;jsessionid=1", true)]
    [InlineData("/svc/api/v1/a\\b", true)]
    [InlineData("/svc/api/v1/plain-path_1.json", false)]
    public void HasEncodedCharacters_PercentSemicolonOrBackslash(string path, bool expected) =>
        Assert.Equal(expected, PathRules.HasEncodedCharacters(path));
}
