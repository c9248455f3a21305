using System.Collections.Immutable;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Gateway.Tests.Routing;

public sealed class RouteTableTests
{
    [Fact]
    public void TryMatch_PathUnderARoute_IsRewrittenToTheServiceUrl()
    {
        var table = Table(Service("discoverableclient", routes: [("api-v1", "api/v1", "/discoverableclient/api/v1")]));

        Assert.True(table.TryMatch("/discoverableclient/api/v1/greeting", out var match));
        Assert.Equal(("discoverableclient", "/discoverableclient/api/v1/greeting"), (match.Service.ServiceId, match.TargetPath));
    }

    [Fact]
    public void TryMatch_ExactlyTheGatewayUrl_IsTheServiceUrl()
    {
        var table = Table(Service("svc", routes: [("api-v1", "api/v1", "/base")]));

        Assert.True(table.TryMatch("/svc/api/v1", out var match));
        Assert.Equal("/base", match.TargetPath);
    }

    [Fact]
    public void TryMatch_SeveralRoutes_TheMostSpecificWins()
    {
        var table = Table(Service("svc", routes: [("api-v1", "api/v1", "/general"), ("special", "api/v1/special", "/special")]));

        Assert.True(table.TryMatch("/svc/api/v1/special/x", out var special));
        Assert.True(table.TryMatch("/svc/api/v1/other", out var general));
        Assert.Equal(("/special/x", "/general/other"), (special.TargetPath, general.TargetPath));
    }

    [Fact]
    public void TryMatch_GatewayUrlAsAPrefixOfASegment_DoesNotMatch()
    {
        var table = Table(Service("svc", routes: [("api-v1", "api/v1", "/base")]));

        Assert.False(table.TryMatch("/svc/api/v10/x", out _));
    }

    [Theory]
    [InlineData("/nosuchservice/api/v1/x")]
    [InlineData("/SVC/api/v1/x")]
    [InlineData("/svc")]
    [InlineData("/")]
    [InlineData("")]
    public void TryMatch_NoServiceOrRouteTakesThePath_IsFalse(string path)
    {
        var table = Table(Service("svc", routes: [("api-v1", "api/v1", "/base")]));

        Assert.False(table.TryMatch(path, out _));
    }

    [Fact]
    public void Build_IgnoredService_IsNotRouted()
    {
        var table = Table(Service("discovery", routes: [("api-v1", "api/v1", "/eureka")]));

        Assert.False(table.TryMatch("/discovery/api/v1/apps", out _));
    }

    [Fact]
    public void Instances_OnlyThoseUp_AreTargets()
    {
        var up = Instance("svc", 1, [("api-v1", "api/v1", "/base")]);
        var outOfService = Instance("svc", 2, [("api-v1", "api/v1", "/base")]) with { OverriddenStatus = InstanceStatus.OutOfService };
        var table = Table(ServiceOf(up, outOfService));

        Assert.Equal([up.InstanceId], table.Find("svc")!.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public void Build_ApimlId_ReplacesTheServiceIdInThePath()
    {
        var domain = Instance("gateway", 1, [("api-v1", "api/v1", "/")], ("apiml.service.apimlId", "apiml1"));
        var table = Table(ServiceOf(domain));

        Assert.True(table.TryMatch("/apiml1/api/v1/x", out var match));
        Assert.False(table.TryMatch("/gateway/api/v1/x", out _));
        Assert.Equal("/x", match.TargetPath);
    }

    [Fact]
    public void Build_ApimlIdThatIsAnotherServicesId_NeverTakesThatServicesPath()
    {
        // "aaa" sorts first, so an apimlId that won by order would take /victim/**.
        var hijacker = Instance("aaa", 1, [("api-v1", "api/v1", "/")], ("apiml.service.apimlId", "victim"));
        var victim = Instance("victim", 2, [("api-v1", "api/v1", "/victim/api/v1")]);

        var table = Table(ServiceOf(hijacker), ServiceOf(victim));

        Assert.True(table.TryMatch("/victim/api/v1/x", out var match));
        Assert.Equal("victim", match.Service.Source.ServiceId);
    }

    [Fact]
    public void Build_ServiceWhoseVersionDidNotChange_ReusesItsParsedRoutes()
    {
        var first = Table(Service("a", routes: [("r", "api/v1", "/a")]), Service("b", routes: [("r", "api/v1", "/b")]));
        var changedB = Service("b", routes: [("r", "api/v2", "/b2")]) with { Version = 2 };

        var second = RouteTable.Build(View(first.Find("a")!.Source, changedB), RouteTable.DefaultIgnoredServices, first);

        Assert.Same(first.Find("a"), second.Find("a"));
        Assert.True(second.TryMatch("/b/api/v2/x", out _));
    }

    [Theory]
    [InlineData(true, true, null, "https://host1:10001/")]
    [InlineData(false, true, null, "http://host1:10002/")]
    [InlineData(true, true, "https://domain.example.com:7554/", "https://domain.example.com:7554/")]
    public void AddressOf_PortsAndExternalUrl_GiveTheBaseUri(bool secureEnabled, bool plainEnabled, string? externalUrl, string expected)
    {
        var instance = new InstanceInfo
        {
            InstanceId = "host1:svc:10001",
            App = "SVC",
            HostName = "host1",
            SecurePort = 10001,
            SecurePortEnabled = secureEnabled,
            Port = 10002,
            PortEnabled = plainEnabled,
        };
        var metadata = externalUrl is null ? new Discovery.Metadata.ServiceMetadata() : new Discovery.Metadata.ServiceMetadata { ExternalUrl = externalUrl };

        Assert.Equal(new Uri(expected), RoutedInstance.AddressOf(instance, metadata));
    }

    private static RouteTable Table(params RegisteredService[] services) =>
        RouteTable.Build(View(services), RouteTable.DefaultIgnoredServices);

    private static RegistryView View(params RegisteredService[] services)
    {
        var snapshot = new RegistrySnapshot(new ManualClock());
        foreach (var service in services)
        {
            snapshot.Replace(service);
        }

        return snapshot.Current;
    }

    private static RegisteredService Service(string serviceId, (string Name, string GatewayUrl, string ServiceUrl)[] routes) =>
        ServiceOf(Instance(serviceId, 1, routes));

    private static RegisteredService ServiceOf(params InstanceInfo[] instances) =>
        new(instances[0].App, 1, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, instances.Select(i => KeyValuePair.Create(i.InstanceId, i))));

    private static InstanceInfo Instance(string serviceId, int port, (string Name, string GatewayUrl, string ServiceUrl)[] routes, params (string Key, string Value)[] extra)
    {
        var metadata = routes
            .SelectMany(r => new[] { KeyValuePair.Create($"apiml.routes.{r.Name}.gatewayUrl", r.GatewayUrl), KeyValuePair.Create($"apiml.routes.{r.Name}.serviceUrl", r.ServiceUrl) })
            .Concat(extra.Select(e => KeyValuePair.Create(e.Key, e.Value)));
        return new InstanceInfo
        {
            InstanceId = InstanceIds.Of("localhost", serviceId, port),
            App = serviceId.ToUpperInvariant(),
            HostName = "localhost",
            SecurePort = port,
            SecurePortEnabled = true,
            Metadata = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, metadata),
        };
    }
}
