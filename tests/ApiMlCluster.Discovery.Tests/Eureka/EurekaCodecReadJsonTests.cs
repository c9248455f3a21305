using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Registry;
using static ApiMlCluster.Discovery.Tests.Eureka.EurekaSamples;

namespace ApiMlCluster.Discovery.Tests.Eureka;

public sealed class EurekaCodecReadJsonTests
{
    private static InstanceInfo Read(string json) => EurekaCodec.ReadInstance(Utf8(json), EurekaFormat.Json);

    [Fact]
    public void ReadInstance_JavaClientBody_TakesEveryClientField()
    {
        var instance = Read(JavaClientJson);

        Assert.Equal("localhost:discoverableclient:10012", instance.InstanceId);
        Assert.Equal("DISCOVERABLECLIENT", instance.App);
        Assert.Equal("localhost", instance.HostName);
        Assert.Equal("127.0.0.1", instance.IpAddr);
        Assert.Equal(InstanceStatus.Up, instance.Status);
        Assert.Equal((10012, false, 10012, true), (instance.Port, instance.PortEnabled, instance.SecurePort, instance.SecurePortEnabled));
        Assert.Equal("MyOwn", instance.DataCenterName);
        Assert.Equal("discoverableclient", instance.VipAddress);
        Assert.Equal("discoverableclient", instance.SecureVipAddress);
        Assert.Equal("https://localhost:10012/discoverableclient", instance.HomePageUrl);
        Assert.Equal("https://localhost:10012/discoverableclient/application/info", instance.StatusPageUrl);
        Assert.Equal("https://localhost:10012/discoverableclient/application/health", instance.HealthCheckUrl);
        Assert.Equal("https://localhost:10012/discoverableclient/application/health", instance.SecureHealthCheckUrl);
        Assert.Equal("api/v1", instance.Metadata["apiml.routes.api-v1.gatewayUrl"]);
        Assert.Equal(4, instance.Metadata.Count);
        Assert.Equal(1700000000123, instance.LastDirtyTimestamp);
    }

    [Fact]
    public void ReadInstance_JavaClientBody_LeavesRegistryOwnedFieldsAtDefaults()
    {
        var body = JavaClientJson
            .Replace("\"overriddenStatus\":\"UNKNOWN\"", "\"overriddenStatus\":\"OUT_OF_SERVICE\",\"overriddenstatus\":\"DOWN\"", StringComparison.Ordinal)
            .Replace("\"registrationTimestamp\":0", "\"registrationTimestamp\":42", StringComparison.Ordinal)
            .Replace("\"serviceUpTimestamp\":0", "\"serviceUpTimestamp\":43", StringComparison.Ordinal);

        var instance = Read(body);

        Assert.Equal(InstanceStatus.Unknown, instance.OverriddenStatus);
        Assert.Equal(new LeaseInfo(), instance.Lease);
        Assert.Equal(0, instance.LastUpdatedTimestamp);
    }

    [Fact]
    public void ReadInstance_EurekaJsClientBody_AcceptsBooleanEnabledAndUpperCasesTheApp()
    {
        var instance = Read(EurekaJsClientJson);

        Assert.Equal("NODESVC", instance.App);
        Assert.Equal((3000, true), (instance.Port, instance.PortEnabled));
        Assert.Equal((0, false), (instance.SecurePort, instance.SecurePortEnabled));
        Assert.Equal(new LeaseInfo(), instance.Lease);
        Assert.Null(instance.HealthCheckUrl);
    }

    [Fact]
    public void ReadInstance_MetadataWithNonStringValues_KeepsTheirJsonTextAndDropsNulls()
    {
        var instance = Read(EurekaJsClientJson);

        Assert.Equal("5", instance.Metadata["weight"]);
        Assert.Equal("false", instance.Metadata["canary"]);
        Assert.Equal("[\"a\",\"b\"]", instance.Metadata["tags"]);
        Assert.False(instance.Metadata.ContainsKey("gone"));
    }

    [Fact]
    public void ReadInstance_SteeltoeBody_ReadsStringEnabledLeaseAndStatus()
    {
        var instance = Read(SteeltoeJson);

        Assert.Equal((5000, true, 443, false), (instance.Port, instance.PortEnabled, instance.SecurePort, instance.SecurePortEnabled));
        Assert.Equal(InstanceStatus.Starting, instance.Status);
        Assert.Equal((10, 30), (instance.Lease.RenewalIntervalInSecs, instance.Lease.DurationInSecs));
        Assert.Equal(1700000000456, instance.LastDirtyTimestamp);
    }

    [Fact]
    public void ReadInstance_EmptyMapMarker_GivesEmptyMetadata()
    {
        Assert.Empty(Read(SteeltoeJson).Metadata);
    }

    [Fact]
    public void ReadInstance_ClassKeyBesideRealMetadata_IsDropped()
    {
        var instance = Read("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h","metadata":{"@class":"java.util.HashMap","k":"v"}}}""");

        Assert.Equal([new("k", "v")], instance.Metadata.ToList());
    }

    [Theory]
    [InlineData("""{"$":8080,"@enabled":"true"}""", 8080, true)]
    [InlineData("""{"$":"8080","@enabled":"false"}""", 8080, false)]
    [InlineData("""{"@enabled":true,"$":8080}""", 8080, true)]
    [InlineData("""{"$":8080,"@enabled":"TRUE"}""", 8080, true)]
    [InlineData("""{"$":8080}""", 8080, true)]
    [InlineData("8080", 8080, true)]
    [InlineData("\"8080\"", 8080, true)]
    public void ReadInstance_PortInAnyClientForm_IsRead(string port, int expectedPort, bool expectedEnabled)
    {
        var instance = Read("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h","port":""" + port + "}}");

        Assert.Equal((expectedPort, expectedEnabled), (instance.Port, instance.PortEnabled));
    }

    [Fact]
    public void ReadInstance_SecurePortWithoutEnabled_IsDisabledAsInEureka()
    {
        var instance = Read("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h","securePort":{"$":443}}}""");

        Assert.Equal((443, false), (instance.SecurePort, instance.SecurePortEnabled));
    }

    [Fact]
    public void ReadInstance_LeaseNumbersAsStrings_AreRead()
    {
        var instance = Read("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h","leaseInfo":{"renewalIntervalInSecs":"5","durationInSecs":"15"}}}""");

        Assert.Equal((5, 15), (instance.Lease.RenewalIntervalInSecs, instance.Lease.DurationInSecs));
    }

    [Fact]
    public void ReadInstance_ZeroLeaseIntervals_TakeEurekasDefaults()
    {
        var instance = Read("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h","leaseInfo":{"renewalIntervalInSecs":0,"durationInSecs":-1}}}""");

        Assert.Equal(new LeaseInfo(), instance.Lease);
    }

    [Fact]
    public void ReadInstance_NoStatus_DefaultsToUp()
    {
        Assert.Equal(InstanceStatus.Up, Read("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h"}}""").Status);
    }

    [Fact]
    public void ReadInstance_LowerCaseStatus_IsAccepted()
    {
        Assert.Equal(InstanceStatus.OutOfService, Read("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h","status":"out_of_service"}}""").Status);
    }

    [Fact]
    public void ReadInstance_UnknownFieldsOfAnyShape_AreIgnored()
    {
        var instance = Read("""{"x":1,"instance":{"instanceId":"h:s:1","app":"S","hostName":"h","sid":"na","appGroupName":"G","asgName":null,"extra":{"deep":[1,2,{"x":null}]},"countryId":"1"}}""");

        Assert.Equal("h:s:1", instance.InstanceId);
    }

    [Fact]
    public void ReadInstance_NullOptionalFields_AreTreatedAsAbsent()
    {
        var instance = Read("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h","status":null,"port":null,"metadata":null,"leaseInfo":null,"homePageUrl":null}}""");

        Assert.Equal((InstanceStatus.Up, 0, false), (instance.Status, instance.Port, instance.PortEnabled));
        Assert.Empty(instance.Metadata);
        Assert.Null(instance.HomePageUrl);
    }

    [Fact]
    public void ReadInstance_DataCenterNameInOtherCase_IsNormalised()
    {
        var instance = Read("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h","dataCenterInfo":{"@class":"x","name":"myown"}}}""");

        Assert.Equal("MyOwn", instance.DataCenterName);
    }

    [Fact]
    public void ReadInstance_ByteOrderMark_IsSkipped()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8("""{"instance":{"instanceId":"h:s:1","app":"S","hostName":"h"}}""")).ToArray();

        Assert.Equal("S", EurekaCodec.ReadInstance(body, EurekaFormat.Json).App);
    }
}
