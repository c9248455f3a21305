using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Registry;
using static ApiMlCluster.Discovery.Tests.Eureka.EurekaSamples;

namespace ApiMlCluster.Discovery.Tests.Eureka;

public sealed class EurekaCodecReadXmlTests
{
    private static InstanceInfo Read(string xml) => EurekaCodec.ReadInstance(Utf8(xml), EurekaFormat.Xml);

    [Fact]
    public void ReadInstance_XStreamBody_TakesEveryClientField()
    {
        var instance = Read(XStreamXml);

        Assert.Equal("localhost:hwexpress:10020", instance.InstanceId);
        Assert.Equal("HWEXPRESS", instance.App);
        Assert.Equal("localhost", instance.HostName);
        Assert.Equal("127.0.0.1", instance.IpAddr);
        Assert.Equal(InstanceStatus.Up, instance.Status);
        Assert.Equal((10020, false, 10020, true), (instance.Port, instance.PortEnabled, instance.SecurePort, instance.SecurePortEnabled));
        Assert.Equal("MyOwn", instance.DataCenterName);
        Assert.Equal((30, 90), (instance.Lease.RenewalIntervalInSecs, instance.Lease.DurationInSecs));
        Assert.Equal("https://localhost:10020/application/health", instance.HealthCheckUrl);
        Assert.Equal("hwexpress", instance.SecureVipAddress);
        Assert.Equal(1700000000789, instance.LastDirtyTimestamp);
    }

    [Fact]
    public void ReadInstance_XStreamBody_ReadsMetadataElementsWithEntitiesDecoded()
    {
        var instance = Read(XStreamXml);

        Assert.Equal("samples", instance.Metadata["apiml.catalog.tile.id"]);
        Assert.Equal("Hello Express & friends", instance.Metadata["apiml.service.title"]);
        Assert.Equal(2, instance.Metadata.Count);
    }

    [Fact]
    public void ReadInstance_ZoweGuideBody_DefaultsStatusAndLease()
    {
        var instance = Read(ZoweGuideXml);

        Assert.Equal("SAMPLESERVICE", instance.App);
        Assert.Equal(InstanceStatus.Up, instance.Status);
        Assert.Equal(new LeaseInfo(), instance.Lease);
        Assert.Equal("MyOwn", instance.DataCenterName);
    }

    [Fact]
    public void ReadInstance_ZoweGuideBody_DecodesXStreamEscapedKeys()
    {
        var instance = Read(ZoweGuideXml);

        Assert.Equal("api/v1", instance.Metadata["apiml.routes.api_v1.gatewayUrl"]);
        Assert.Equal("/sampleclient/api/v1", instance.Metadata["apiml.routes.api_v1.serviceUrl"]);
    }

    [Fact]
    public void ReadInstance_PortsWithoutEnabledAttribute_TakeXStreamDefaults()
    {
        var instance = Read("<instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName><port>80</port><securePort>443</securePort></instance>");

        Assert.Equal((80, true, 443, false), (instance.Port, instance.PortEnabled, instance.SecurePort, instance.SecurePortEnabled));
    }

    [Fact]
    public void ReadInstance_EmptyMetadataWithClassAttribute_GivesEmptyMetadata()
    {
        var instance = Read("<instance><instanceId>h:s:1</instanceId><app>S</app><hostName>h</hostName><metadata class=\"java.util.Collections$EmptyMap\"/></instance>");

        Assert.Empty(instance.Metadata);
    }

    [Fact]
    public void ReadInstance_UnknownElementsAndNamespaces_AreIgnored()
    {
        var instance = Read("<e:instance xmlns:e=\"urn:x\"><e:instanceId>h:s:1</e:instanceId><app>S</app><hostName>h</hostName><sid>na</sid><extra><deep/></extra><!-- note --></e:instance>");

        Assert.Equal(("h:s:1", "S"), (instance.InstanceId, instance.App));
    }
}
