using System.Xml.Linq;
using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Registry;
using static ApiMlCluster.Discovery.Tests.Eureka.EurekaSamples;

namespace ApiMlCluster.Discovery.Tests.Eureka;

public sealed class EurekaCodecWriteXmlTests
{
    /// <summary>Element names and order of Eureka's XStream <c>Converters.InstanceInfoConverter.marshal</c>.</summary>
    private const string RegisteredXml =
        "<instance><instanceId>gw1:gateway:10010</instanceId><hostName>gw1</hostName><app>GATEWAY</app><ipAddr>10.1.2.3</ipAddr>" +
        "<status>UP</status><overriddenstatus>UNKNOWN</overriddenstatus><port enabled=\"false\">10010</port><securePort enabled=\"true\">10010</securePort>" +
        "<countryId>1</countryId><dataCenterInfo class=\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\"><name>MyOwn</name></dataCenterInfo>" +
        "<leaseInfo><renewalIntervalInSecs>30</renewalIntervalInSecs><durationInSecs>90</durationInSecs><registrationTimestamp>1000</registrationTimestamp>" +
        "<lastRenewalTimestamp>2000</lastRenewalTimestamp><evictionTimestamp>0</evictionTimestamp><serviceUpTimestamp>1500</serviceUpTimestamp></leaseInfo>" +
        "<metadata><apiml.routes.api-v1.gatewayUrl>api/v1</apiml.routes.api-v1.gatewayUrl><apiml.service.title>API Gateway</apiml.service.title></metadata>" +
        "<homePageUrl>https://gw1:10010/</homePageUrl><statusPageUrl>https://gw1:10010/application/info</statusPageUrl>" +
        "<healthCheckUrl>https://gw1:10010/application/health</healthCheckUrl><secureHealthCheckUrl>https://gw1:10010/application/health</secureHealthCheckUrl>" +
        "<vipAddress>gateway</vipAddress><secureVipAddress>gateway</secureVipAddress><isCoordinatingDiscoveryServer>false</isCoordinatingDiscoveryServer>" +
        "<lastUpdatedTimestamp>3000</lastUpdatedTimestamp><lastDirtyTimestamp>2500</lastDirtyTimestamp><actionType>ADDED</actionType></instance>";

    [Fact]
    public void WriteInstance_RegisteredInstance_RendersXStreamsElementsInOrder()
    {
        Assert.Equal(RegisteredXml, Text(EurekaCodec.WriteInstance(Registered(), EurekaFormat.Xml)));
    }

    [Fact]
    public void WriteApplications_OneApplication_RendersEurekasEnvelope()
    {
        var apps = new EurekaApplications(7, "UP_1_", [new EurekaApplication("GATEWAY", [new EurekaInstanceEntry(Registered(), EurekaInstanceEntry.Added)])]);

        var xml = Text(EurekaCodec.WriteApplications(apps, EurekaFormat.Xml));

        Assert.Equal("<applications><versions__delta>7</versions__delta><apps__hashcode>UP_1_</apps__hashcode><application><name>GATEWAY</name>" + RegisteredXml + "</application></applications>", xml);
    }

    [Fact]
    public void WriteApplications_ApplicationWithoutInstances_IsLeftOut()
    {
        var apps = new EurekaApplications(1, "", [new EurekaApplication("EMPTY", [])]);

        Assert.Equal("<applications><versions__delta>1</versions__delta><apps__hashcode /></applications>", Text(EurekaCodec.WriteApplications(apps, EurekaFormat.Xml)));
    }

    [Fact]
    public void WriteApplication_SingleApplication_RendersNameThenInstances()
    {
        var xml = Text(EurekaCodec.WriteApplication("GATEWAY", [new EurekaInstanceEntry(Registered(), EurekaInstanceEntry.Deleted)], EurekaFormat.Xml));

        Assert.Equal("<application><name>GATEWAY</name>" + RegisteredXml.Replace("ADDED", "DELETED", StringComparison.Ordinal) + "</application>", xml);
    }

    [Fact]
    public void WriteInstance_EmptyMetadata_RendersEurekasEmptyMapMarker()
    {
        var xml = Text(EurekaCodec.WriteInstance(Registered() with { Metadata = MetadataOf() }, EurekaFormat.Xml));

        Assert.Contains("<metadata class=\"java.util.Collections$EmptyMap\" />", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteInstance_KeysThatAreNotXmlNames_AreCodedAsXStreamCodesThem()
    {
        var instance = Registered() with { Metadata = MetadataOf(("1st key", "a"), ("a:b", "b"), ("route_v1", "c"), ("price$", "d"), ("ünï.x-y", "e")) };

        var metadata = XDocument.Parse(Text(EurekaCodec.WriteInstance(instance, EurekaFormat.Xml))).Root!.Element("metadata")!;

        Assert.Equal(["_.0031st_.0020key", "a_.003ab", "price_-", "route__v1", "ünï.x-y"], metadata.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void WriteInstance_ValueWithCharacterXmlCannotCarry_IsReplacedAndTheDocumentStaysWellFormed()
    {
        var instance = Registered() with { Metadata = MetadataOf(("k", "a\u0001b\uD800c\U0001F600")) };

        var document = XDocument.Parse(Text(EurekaCodec.WriteInstance(instance, EurekaFormat.Xml)));

        Assert.Equal("a\uFFFDb\uFFFDc\U0001F600", document.Root!.Element("metadata")!.Element("k")!.Value);
    }

    [Fact]
    public void WriteInstance_MarkupInValues_IsEscaped()
    {
        var instance = Registered() with { Metadata = MetadataOf(("k", "</metadata><x>&")) };

        var document = XDocument.Parse(Text(EurekaCodec.WriteInstance(instance, EurekaFormat.Xml)));

        Assert.Equal("</metadata><x>&", document.Root!.Element("metadata")!.Element("k")!.Value);
    }

    [Fact]
    public void WriteInstance_OverriddenInstance_RendersTheEffectiveStatusAndTheOverride()
    {
        var root = XDocument.Parse(Text(EurekaCodec.WriteInstance(Registered() with { OverriddenStatus = InstanceStatus.Down }, EurekaFormat.Xml))).Root!;

        Assert.Equal(("DOWN", "DOWN"), (root.Element("status")!.Value, root.Element("overriddenstatus")!.Value));
    }
}
