using System.Text.Json;
using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Registry;
using static ApiMlCluster.Discovery.Tests.Eureka.EurekaSamples;

namespace ApiMlCluster.Discovery.Tests.Eureka;

public sealed class EurekaCodecWriteJsonTests
{
    /// <summary>Field names, order and value kinds of Eureka's <c>EurekaJacksonCodec.InstanceInfoSerializer</c>.</summary>
    private static readonly string RegisteredJson = """
        {"instanceId":"gw1:gateway:10010","hostName":"gw1","app":"GATEWAY","ipAddr":"10.1.2.3","status":"UP","overriddenStatus":"UNKNOWN",
        "port":{"$":10010,"@enabled":"false"},"securePort":{"$":10010,"@enabled":"true"},"countryId":1,
        "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},
        "leaseInfo":{"renewalIntervalInSecs":30,"durationInSecs":90,"registrationTimestamp":1000,"lastRenewalTimestamp":2000,"evictionTimestamp":0,"serviceUpTimestamp":1500},
        "metadata":{"apiml.routes.api-v1.gatewayUrl":"api/v1","apiml.service.title":"API Gateway"},
        "homePageUrl":"https://gw1:10010/","statusPageUrl":"https://gw1:10010/application/info","healthCheckUrl":"https://gw1:10010/application/health",
        "secureHealthCheckUrl":"https://gw1:10010/application/health","vipAddress":"gateway","secureVipAddress":"gateway",
        "isCoordinatingDiscoveryServer":"false","lastUpdatedTimestamp":"3000","lastDirtyTimestamp":"2500","actionType":"ADDED"}
        """.ReplaceLineEndings(string.Empty);

    [Fact]
    public void WriteInstance_RegisteredInstance_RendersEurekasFieldsInEurekasOrder()
    {
        var json = Text(EurekaCodec.WriteInstance(Registered(), EurekaFormat.Json));

        Assert.Equal("{\"instance\":" + RegisteredJson + "}", json);
    }

    [Fact]
    public void WriteApplications_OneApplication_RendersEurekasEnvelope()
    {
        var apps = new EurekaApplications(7, "UP_1_", [new EurekaApplication("GATEWAY", [new EurekaInstanceEntry(Registered(), EurekaInstanceEntry.Added)])]);

        var json = Text(EurekaCodec.WriteApplications(apps, EurekaFormat.Json));

        Assert.Equal("""{"applications":{"versions__delta":"7","apps__hashcode":"UP_1_","application":[{"name":"GATEWAY","instance":[""" + RegisteredJson + "]}]}}", json);
    }

    [Fact]
    public void WriteApplications_NoApplications_RendersAnEmptyArray()
    {
        var json = Text(EurekaCodec.WriteApplications(new EurekaApplications(1, "", []), EurekaFormat.Json));

        Assert.Equal("""{"applications":{"versions__delta":"1","apps__hashcode":"","application":[]}}""", json);
    }

    [Fact]
    public void WriteApplications_ApplicationWithoutInstances_IsLeftOut()
    {
        var apps = new EurekaApplications(1, "UP_1_", [new EurekaApplication("EMPTY", []), new EurekaApplication("GATEWAY", [new EurekaInstanceEntry(Registered(), EurekaInstanceEntry.Added)])]);

        using var document = JsonDocument.Parse(EurekaCodec.WriteApplications(apps, EurekaFormat.Json));

        var names = document.RootElement.GetProperty("applications").GetProperty("application").EnumerateArray().Select(a => a.GetProperty("name").GetString());
        Assert.Equal(["GATEWAY"], names);
    }

    [Fact]
    public void WriteApplication_SingleApplication_RendersNameAndInstanceArray()
    {
        var json = Text(EurekaCodec.WriteApplication("GATEWAY", [new EurekaInstanceEntry(Registered(), EurekaInstanceEntry.Added)], EurekaFormat.Json));

        Assert.Equal("""{"application":{"name":"GATEWAY","instance":[""" + RegisteredJson + "]}}", json);
    }

    [Fact]
    public void WriteInstance_OverriddenInstance_RendersTheEffectiveStatusAndTheOverride()
    {
        var instance = Registered() with { OverriddenStatus = InstanceStatus.OutOfService };

        using var document = JsonDocument.Parse(EurekaCodec.WriteInstance(instance, EurekaFormat.Json));

        var rendered = document.RootElement.GetProperty("instance");
        Assert.Equal("OUT_OF_SERVICE", rendered.GetProperty("status").GetString());
        Assert.Equal("OUT_OF_SERVICE", rendered.GetProperty("overriddenStatus").GetString());
    }

    [Fact]
    public void WriteInstance_EmptyMetadata_RendersEurekasEmptyMapMarker()
    {
        var json = Text(EurekaCodec.WriteInstance(Registered() with { Metadata = MetadataOf() }, EurekaFormat.Json));

        Assert.Contains("\"metadata\":{\"@class\":\"java.util.Collections$EmptyMap\"}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteInstance_UnsetOptionalFields_AreLeftOutLikeJacksonNulls()
    {
        var instance = Registered() with { HomePageUrl = null, SecureHealthCheckUrl = null, VipAddress = null };

        using var document = JsonDocument.Parse(EurekaCodec.WriteInstance(instance, EurekaFormat.Json));

        var rendered = document.RootElement.GetProperty("instance");
        Assert.False(rendered.TryGetProperty("homePageUrl", out _));
        Assert.False(rendered.TryGetProperty("secureHealthCheckUrl", out _));
        Assert.False(rendered.TryGetProperty("vipAddress", out _));
        Assert.True(rendered.TryGetProperty("secureVipAddress", out _));
    }

    [Fact]
    public void WriteInstance_MetadataWithUrlCharacters_IsWrittenUnescapedLikeJackson()
    {
        var instance = Registered() with { Metadata = MetadataOf(("apiml.apiInfo.0.swaggerUrl", "https://h/api-doc?a=1&b=<2>+ü")) };

        var json = Text(EurekaCodec.WriteInstance(instance, EurekaFormat.Json));

        Assert.Contains("\"apiml.apiInfo.0.swaggerUrl\":\"https://h/api-doc?a=1&b=<2>+ü\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteInstance_AmazonDataCenter_RendersAmazonInfoWithMetadataObject()
    {
        var json = Text(EurekaCodec.WriteInstance(Registered() with { DataCenterName = "Amazon" }, EurekaFormat.Json));

        Assert.Contains("\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.AmazonInfo\",\"name\":\"Amazon\",\"metadata\":{}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteApplications_DeltaEntries_CarryTheirActionTypes()
    {
        var apps = new EurekaApplications(9, "UP_1_", [new EurekaApplication("GATEWAY",
        [
            new EurekaInstanceEntry(Registered("gw1"), EurekaInstanceEntry.Modified),
            new EurekaInstanceEntry(Registered("gw2"), EurekaInstanceEntry.Deleted),
        ])]);

        using var document = JsonDocument.Parse(EurekaCodec.WriteApplications(apps, EurekaFormat.Json));

        var instances = document.RootElement.GetProperty("applications").GetProperty("application")[0].GetProperty("instance").EnumerateArray();
        Assert.Equal(["MODIFIED", "DELETED"], instances.Select(i => i.GetProperty("actionType").GetString()));
    }

    /// <summary>
    /// Reads the registry as eureka-js-client 4.5.0 does (lib/EurekaClient.js transformRegistry/transformApp/
    /// addInstance): <c>application</c> and <c>instance</c> may each be an array or one object, only <c>status</c>
    /// "UP" is kept (filterUpInstances), instances are keyed by <c>app.toUpperCase()</c> and by each
    /// comma-separated <c>vipAddress</c>, and deltas match instances on <c>hostName</c> and <c>port.$</c>.
    /// </summary>
    [Fact]
    public void WriteApplications_ReadTheWayEurekaJsClientReadsIt_FindsTheUpInstances()
    {
        var apps = new EurekaApplications(3, "DOWN_1_UP_1_",
        [
            new EurekaApplication("GATEWAY", [new EurekaInstanceEntry(Registered("gw1"), EurekaInstanceEntry.Added), new EurekaInstanceEntry(Registered("gw2", status: InstanceStatus.Down), EurekaInstanceEntry.Added)]),
        ]);

        using var document = JsonDocument.Parse(EurekaCodec.WriteApplications(apps, EurekaFormat.Json));

        var byApp = new Dictionary<string, List<JsonElement>>();
        var byVip = new Dictionary<string, List<JsonElement>>();
        foreach (var app in ArrayOrObject(document.RootElement.GetProperty("applications").GetProperty("application")))
        {
            foreach (var instance in ArrayOrObject(app.GetProperty("instance")).Where(i => i.GetProperty("status").GetString() == "UP"))
            {
                Add(byApp, instance.GetProperty("app").GetString()!.ToUpperInvariant(), instance);
                foreach (var vip in instance.GetProperty("vipAddress").GetString()!.Split(','))
                {
                    Add(byVip, vip, instance);
                }
            }
        }

        var found = Assert.Single(byApp["GATEWAY"]);
        Assert.Equal("gw1", found.GetProperty("hostName").GetString());
        Assert.Equal("gw1", Assert.Single(byVip["gateway"]).GetProperty("hostName").GetString());
        Assert.Equal(JsonValueKind.Number, found.GetProperty("port").GetProperty("$").ValueKind);
        Assert.Equal(10010, found.GetProperty("port").GetProperty("$").GetInt32());
    }

    private static IEnumerable<JsonElement> ArrayOrObject(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];

    private static void Add(Dictionary<string, List<JsonElement>> index, string key, JsonElement instance)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(instance);
    }
}
