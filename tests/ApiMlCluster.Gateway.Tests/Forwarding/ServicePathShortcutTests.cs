using ApiMlCluster.Gateway.Forwarding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ApiMlCluster.Gateway.Tests.Forwarding;

public sealed class ServicePathShortcutTests
{
    [Theory]
    [InlineData("/gateway/api/v1/auth/login", true)]
    [InlineData("/GATEWAY/api/v1/auth/login", true)]
    [InlineData("/application/health", true)]
    [InlineData("/application", true)]
    [InlineData("/", true)]
    [InlineData("", true)]
    [InlineData("//echo/api", true)]
    [InlineData("/echo/api/v1/hello", false)]
    [InlineData("/gatewayx/api/v1", false)]
    [InlineData("/cachingservice/api/v1/cache", false)]
    public void IsNodePath_FirstSegmentOfANodeEndpoint_TakesTheNodePipeline(string path, bool expected)
    {
        var shortcut = new ServicePathShortcut([Endpoints("/gateway/api/v1/auth/login", "/gateway/api/v1/services/{serviceId}", "/application/health")]);

        Assert.Equal(expected, shortcut.IsNodePath(new PathString(path.Length == 0 ? null : path)));
    }

    [Fact]
    public void IsNodePath_AnEndpointStartingWithAParameter_KeepsEveryPathOnTheNodePipeline()
    {
        var shortcut = new ServicePathShortcut([Endpoints("/gateway/api/v1/auth/login", "/{tenant}/things")]);

        Assert.True(shortcut.IsNodePath(new PathString("/echo/api/v1/hello")));
    }

    [Fact]
    public void IsNodePath_EndpointsMappedAfterTheShortcutWasMade_AreReserved()
    {
        var late = new List<Endpoint>();
        var shortcut = new ServicePathShortcut([new LiveDataSource(late)]);
        late.Add(Endpoint("/cachingservice/api/v1/cache"));

        Assert.True(shortcut.IsNodePath(new PathString("/cachingservice/api/v1/cache")));
    }

    private static DefaultEndpointDataSource Endpoints(params string[] patterns) => new(patterns.Select(Endpoint));

    private static RouteEndpoint Endpoint(string pattern) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, EndpointMetadataCollection.Empty, pattern);

    private sealed class LiveDataSource(List<Endpoint> endpoints) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => endpoints;

        public override Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => new Microsoft.Extensions.Primitives.CancellationChangeToken(CancellationToken.None);
    }
}
