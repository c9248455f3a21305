using ApiMlCluster.Gateway.Edge;
using ApiMlCluster.Gateway.Routing;
using static ApiMlCluster.Gateway.Tests.Edge.EdgeTables;

namespace ApiMlCluster.Gateway.Tests.Edge;

public sealed class LocationRewriterTests
{
    private const string Gateway = "gw.example.com:7554";
    private readonly RouteTable table = Table(
        Instance("svc", 10001, ("api/v1", "/svc/api/v1"), ("ui/v1", "/svc/ui")),
        Instance("other", 10002, ("api/v1", "/other")));

    private ServiceRoutes Svc => table.Find("svc")!;

    private static Uri SvcInstance => new("https://localhost:10001");

    [Theory]
    [InlineData("https://localhost:10001/svc/api/v1/next?x=1#top", "https://gw.example.com:7554/svc/api/v1/next?x=1#top")]
    [InlineData("https://LOCALHOST:10001/svc/ui/index.html", "https://gw.example.com:7554/svc/ui/v1/index.html")]
    [InlineData("https://localhost:10001/svc/api/v1", "https://gw.example.com:7554/svc/api/v1")]
    [InlineData("/svc/ui/login", "https://gw.example.com:7554/svc/ui/v1/login")]
    public void Rewrite_ToTheInstanceUnderAServiceUrl_IsTheGatewayUrl(string location, string expected) =>
        Assert.Equal(expected, LocationRewriter.Rewrite(location, SvcInstance, Svc, table, Gateway));

    [Fact]
    public void Rewrite_ToAnotherRegisteredServicesInstance_IsThatServicesGatewayUrl() =>
        Assert.Equal("https://gw.example.com:7554/other/api/v1/page", LocationRewriter.Rewrite("https://localhost:10002/other/page", SvcInstance, Svc, table, Gateway));

    [Theory]
    [InlineData("https://www.example.com/svc/api/v1/x")]
    [InlineData("https://localhost:10001/unrouted/x")]
    [InlineData("https://localhost:10001/svc/api/v10")]
    [InlineData("next/page")]
    [InlineData("//evil.example.com/svc/api/v1")]
    [InlineData("/unrouted")]
    public void Rewrite_ForeignOrUnroutedOrRelative_IsLeftAlone(string location) =>
        Assert.Null(LocationRewriter.Rewrite(location, SvcInstance, Svc, table, Gateway));
}
