using System.Collections.Immutable;
using System.Text.Json;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Discovery.Services;

namespace ApiMlCluster.Discovery.Tests.Services;

public sealed class ServicesInfoBuilderTests
{
    private static readonly GatewayAddress Gateway = new("https", "gw.example.com", 7554);

    private static InstanceInfo Instance(string serviceId, string host, params (string Key, string Value)[] metadata) => new()
    {
        InstanceId = InstanceIds.Of(host, serviceId, 10012),
        App = serviceId.ToUpperInvariant(),
        HostName = host,
        IpAddr = "10.0.0.1",
        SecurePort = 10012,
        SecurePortEnabled = true,
        Port = 10012,
        HomePageUrl = $"https://{host}:10012/dc/ui/",
        StatusPageUrl = $"https://{host}:10012/dc/application/info",
        SecureHealthCheckUrl = $"https://{host}:10012/dc/application/health",
        HealthCheckUrl = $"http://{host}:10012/plain/health",
        Metadata = metadata.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
    };

    private static RegisteredService Service(string app, params InstanceInfo[] instances) =>
        new(app.ToUpperInvariant(), 1, instances.ToImmutableSortedDictionary(i => i.InstanceId, i => i, StringComparer.Ordinal));

    private static readonly (string, string)[] DcMetadata =
    [
        ("version", "2.2.0"),
        ("apiml.service.title", "Discoverable client"),
        ("apiml.service.description", "Sample"),
        ("apiml.routes.api-v1.gatewayUrl", "api/v1"),
        ("apiml.routes.api-v1.serviceUrl", "/dc/api/v1"),
        ("apiml.routes.ui-v1.gatewayUrl", "ui/v1"),
        ("apiml.routes.ui-v1.serviceUrl", "/dc/ui"),
        ("apiml.apiInfo.api-v1.apiId", "zowe.apiml.dc"),
        ("apiml.apiInfo.api-v1.gatewayUrl", "api/v1"),
        ("apiml.apiInfo.api-v1.version", "1.0.0"),
        ("apiml.apiInfo.api-v1.swaggerUrl", "https://host1:10012/dc/api/v1/api-docs?group=all"),
        ("apiml.authentication.scheme", "httpBasicPassTicket"),
        ("apiml.authentication.applid", "ZOWEAPPL"),
        ("zos.sysname", "SYS1"),
    ];

    [Fact]
    public void Build_Service_ComputesBaseUrlAndBasePathFromTheGateway()
    {
        var info = ServicesInfoBuilder.Build([Service("dc", Instance("dc", "host1", DcMetadata))], Gateway, null);

        var api = Assert.Single(Assert.Single(info).Apiml!.ApiInfo!);
        Assert.Equal("/dc/api/v1", api.BasePath);
        Assert.Equal("https://gw.example.com:7554/dc/api/v1", api.BaseUrl);
    }

    [Fact]
    public void Build_SwaggerUrlCoveredByARoute_IsRewrittenToTheGateway()
    {
        var info = ServicesInfoBuilder.Build([Service("dc", Instance("dc", "host1", DcMetadata))], Gateway, null);

        Assert.Equal("https://gw.example.com:7554/dc/api/v1/api-docs?group=all", info[0].Apiml!.ApiInfo![0].SwaggerUrl);
    }

    [Fact]
    public void Build_SwaggerUrlNoRouteCovers_IsKeptAsRegistered()
    {
        var metadata = DcMetadata.Select(e => e.Item1 == "apiml.apiInfo.api-v1.swaggerUrl" ? (e.Item1, "https://elsewhere:1/docs") : e).ToArray();

        var info = ServicesInfoBuilder.Build([Service("dc", Instance("dc", "host1", metadata))], Gateway, null);

        Assert.Equal("https://elsewhere:1/docs", info[0].Apiml!.ApiInfo![0].SwaggerUrl);
    }

    [Fact]
    public void Build_ServiceSummary_HasTitleDescriptionAndUiHomePageThroughTheGateway()
    {
        var info = ServicesInfoBuilder.Build([Service("dc", Instance("dc", "host1", DcMetadata))], Gateway, null);

        Assert.Equal(new ServiceSummary("Discoverable client", "Sample", "https://gw.example.com:7554/dc/ui/v1/"), info[0].Apiml!.Service);
    }

    [Fact]
    public void Build_OneInstanceUp_MakesTheServiceUp()
    {
        var down = Instance("dc", "host1", DcMetadata) with { Status = InstanceStatus.Down };
        var up = Instance("dc", "host2", DcMetadata);

        Assert.Equal("UP", ServicesInfoBuilder.Build([Service("dc", down, up)], Gateway, null)[0].Status);
    }

    [Fact]
    public void Build_NoInstanceUp_MakesTheServiceDown()
    {
        var starting = Instance("dc", "host1", DcMetadata) with { Status = InstanceStatus.Starting };
        var overridden = Instance("dc", "host2", DcMetadata) with { OverriddenStatus = InstanceStatus.OutOfService };

        var info = ServicesInfoBuilder.Build([Service("dc", starting, overridden)], Gateway, null)[0];

        Assert.Equal("DOWN", info.Status);
        Assert.Equal("OUT_OF_SERVICE", info.Instances![overridden.InstanceId].Status);
    }

    [Fact]
    public void Build_ServiceWithoutInstances_HasOnlyIdAndDownStatus()
    {
        var info = ServicesInfoBuilder.Build([RegisteredService.Empty("EMPTY")], Gateway, null)[0];

        Assert.Equal(new ServiceInfo { ServiceId = "empty", Status = "DOWN" }, info);
    }

    [Fact]
    public void Build_Instance_ReportsSecureProtocolPortAndHealthCheck()
    {
        var instance = Instance("dc", "host1", DcMetadata);

        var details = ServicesInfoBuilder.Build([Service("dc", instance)], Gateway, null)[0].Instances![instance.InstanceId];

        Assert.Equal(("https", 10012, "https://host1:10012/dc/application/health"), (details.Protocol, details.Port, details.HealthCheckUrl));
        Assert.Equal(("host1", "10.0.0.1", "UP"), (details.Hostname, details.IpAddr, details.Status));
    }

    [Fact]
    public void Build_InstanceCustomMetadata_IsEveryKeyNotUnderApiml()
    {
        var instance = Instance("dc", "host1", DcMetadata);

        var details = ServicesInfoBuilder.Build([Service("dc", instance)], Gateway, null)[0].Instances![instance.InstanceId];

        Assert.Equal(["version", "zos.sysname"], details.CustomMetadata!.Keys);
    }

    [Fact]
    public void Build_SameApiAndMajorVersionOnTwoInstances_IsListedOnce()
    {
        var info = ServicesInfoBuilder.Build([Service("dc", Instance("dc", "host1", DcMetadata), Instance("dc", "host2", DcMetadata))], Gateway, null)[0];

        Assert.Single(info.Apiml!.ApiInfo!);
    }

    [Fact]
    public void Build_SameApiDifferentMajorVersions_AreListedSeparately()
    {
        var v2 = DcMetadata.Select(e => e.Item1 == "apiml.apiInfo.api-v1.version" ? (e.Item1, "2.0.0") : e).ToArray();

        var info = ServicesInfoBuilder.Build([Service("dc", Instance("dc", "host1", DcMetadata), Instance("dc", "host2", v2))], Gateway, null)[0];

        Assert.Equal(["1.0.0", "2.0.0"], info.Apiml!.ApiInfo!.Select(a => a.Version));
    }

    [Fact]
    public void Build_SummaryComesFromTheInstanceWithTheHighestApiVersion()
    {
        var newer = DcMetadata.Select(e => e switch
        {
            ("apiml.apiInfo.api-v1.version", _) => (e.Item1, "1.2.0"),
            ("apiml.service.title", _) => (e.Item1, "Newer"),
            _ => e,
        }).ToArray();

        var info = ServicesInfoBuilder.Build([Service("dc", Instance("dc", "host1", DcMetadata), Instance("dc", "host2", newer))], Gateway, null)[0];

        Assert.Equal("Newer", info.Apiml!.Service!.Title);
    }

    [Fact]
    public void Build_Authentication_IsDistinctAcrossInstancesAndOmitsEmpty()
    {
        var noAuth = DcMetadata.Where(e => !e.Item1.StartsWith("apiml.authentication.", StringComparison.Ordinal)).ToArray();

        var info = ServicesInfoBuilder.Build(
            [Service("dc", Instance("dc", "host1", DcMetadata), Instance("dc", "host2", DcMetadata), Instance("dc", "host3", noAuth))], Gateway, null)[0];

        Assert.Equal([new AuthenticationInfo("httpBasicPassTicket", "ZOWEAPPL", null, true)], info.Apiml!.Authentication);
    }

    [Fact]
    public void Build_ApiIdFilter_KeepsOnlyServicesOfferingThatApi()
    {
        var services = new[] { Service("dc", Instance("dc", "host1", DcMetadata)), Service("other", Instance("other", "host1", ("version", "2.2.0"))) };

        var info = ServicesInfoBuilder.Build(services, Gateway, "zowe.apiml.dc");

        Assert.Equal("dc", Assert.Single(info).ServiceId);
    }

    [Fact]
    public void Build_ApiIdFilterMatchingNothing_ReturnsEmpty()
    {
        Assert.Empty(ServicesInfoBuilder.Build([Service("dc", Instance("dc", "host1", DcMetadata))], Gateway, "ZOWE.APIML.DC"));
    }

    [Fact]
    public void Build_Services_AreOrderedByServiceId()
    {
        var info = ServicesInfoBuilder.Build([RegisteredService.Empty("ZED"), RegisteredService.Empty("ALPHA")], Gateway, null);

        Assert.Equal(["alpha", "zed"], info.Select(s => s.ServiceId));
    }

    [Fact]
    public void Build_AdditionalRegistrations_AreNotListed()
    {
        var additional = Instance("gateway", "central", ("apiml.registrationType", "additional"));

        var info = ServicesInfoBuilder.Build([Service("gateway", additional)], Gateway, null)[0];

        Assert.Equal(new ServiceInfo { ServiceId = "gateway", Status = "DOWN" }, info);
    }

    [Fact]
    public void BuildOne_UnknownService_HasStatusUnknown()
    {
        var info = ServicesInfoBuilder.BuildOne([], "nope", Gateway);

        Assert.Equal(new ServiceInfo { ServiceId = "nope", Status = "UNKNOWN" }, info);
    }

    [Fact]
    public void BuildOne_ServiceIdInAnyCase_FindsTheService()
    {
        Assert.Equal("UP", ServicesInfoBuilder.BuildOne([Service("dc", Instance("dc", "host1", DcMetadata))], "DC", Gateway).Status);
    }

    [Fact]
    public void Serialize_Info_UsesZoweFieldNamesAndOmitsNulls()
    {
        var info = ServicesInfoBuilder.BuildOne([Service("dc", Instance("dc", "host1", DcMetadata))], "dc", Gateway);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(info, ServicesInfoJson.Options));
        var root = json.RootElement;

        Assert.Equal("dc", root.GetProperty("serviceId").GetString());
        var api = root.GetProperty("apiml").GetProperty("apiInfo")[0];
        Assert.False(api.GetProperty("defaultApi").GetBoolean());
        Assert.False(api.TryGetProperty("documentationUrl", out _));
        Assert.False(api.TryGetProperty("codeSnippet", out _));
        Assert.True(root.GetProperty("apiml").GetProperty("authentication")[0].GetProperty("supportsSso").GetBoolean());
        Assert.Equal(10012, root.GetProperty("instances").GetProperty("host1:dc:10012").GetProperty("port").GetInt32());
    }

    [Fact]
    public void Serialize_UnknownService_HasOnlyIdAndStatus()
    {
        var json = JsonSerializer.Serialize(ServicesInfoBuilder.BuildOne([], "nope", Gateway), ServicesInfoJson.Options);

        Assert.Equal("""{"serviceId":"nope","status":"UNKNOWN"}""", json);
    }
}
