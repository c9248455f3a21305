using System.Collections.Immutable;
using System.Text;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Tests.Eureka;

/// <summary>
/// Registration bodies shaped exactly as real clients send them, and a fully populated model for the writers.
/// </summary>
internal static class EurekaSamples
{
    /// <summary>
    /// Spring Cloud Netflix / the Java client (Jackson <c>EurekaJacksonCodec.InstanceInfoSerializer</c>): ports as
    /// <c>{"$":n,"@enabled":"true"}</c>, lease timestamps as numbers, the @Auto fields as strings.
    /// </summary>
    public const string JavaClientJson = """
        {"instance":{"instanceId":"localhost:discoverableclient:10012","hostName":"localhost","app":"DISCOVERABLECLIENT",
        "ipAddr":"127.0.0.1","status":"UP","overriddenStatus":"UNKNOWN","port":{"$":10012,"@enabled":"false"},
        "securePort":{"$":10012,"@enabled":"true"},"countryId":1,
        "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},
        "leaseInfo":{"renewalIntervalInSecs":30,"durationInSecs":90,"registrationTimestamp":0,"lastRenewalTimestamp":0,"evictionTimestamp":0,"serviceUpTimestamp":0},
        "metadata":{"apiml.service.title":"Discoverable client","apiml.routes.api-v1.gatewayUrl":"api/v1","apiml.routes.api-v1.serviceUrl":"/discoverableclient/api/v1","version":"2.2.0"},
        "homePageUrl":"https://localhost:10012/discoverableclient","statusPageUrl":"https://localhost:10012/discoverableclient/application/info",
        "healthCheckUrl":"https://localhost:10012/discoverableclient/application/health","secureHealthCheckUrl":"https://localhost:10012/discoverableclient/application/health",
        "vipAddress":"discoverableclient","secureVipAddress":"discoverableclient","isCoordinatingDiscoveryServer":"false",
        "lastUpdatedTimestamp":"1700000000000","lastDirtyTimestamp":"1700000000123"}}
        """;

    /// <summary>
    /// eureka-js-client 4.5.0 posts <c>{ instance: config.instance }</c> verbatim (lib/EurekaClient.js register),
    /// the user's config as its README shows it: <c>@enabled</c> a boolean, no securePort or leaseInfo, a
    /// lower-case app, metadata values of any JSON type, and the status it sets last.
    /// </summary>
    public const string EurekaJsClientJson = """
        {"instance":{"instanceId":"nodehost:nodesvc:3000","app":"nodesvc","hostName":"nodehost","ipAddr":"10.0.0.5",
        "statusPageUrl":"http://nodehost:3000/info","port":{"$":3000,"@enabled":true},"vipAddress":"nodesvc",
        "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},
        "metadata":{"apiml.service.title":"Node service","weight":5,"canary":false,"tags":["a","b"],"gone":null},
        "status":"UP"}}
        """;

    /// <summary>
    /// Steeltoe (<c>JsonInstanceInfo</c>, <c>JsonPortWrapper</c>): <c>@enabled</c> before <c>$</c> and as a string,
    /// <c>sid</c>, lower-case <c>overriddenstatus</c>, and Eureka's empty-map marker for no metadata.
    /// </summary>
    public const string SteeltoeJson = """
        {"instance":{"instanceId":"steelhost:steelsvc:5000","app":"STEELSVC","ipAddr":"10.0.0.7","sid":"na",
        "port":{"@enabled":"true","$":5000},"securePort":{"@enabled":"false","$":443},
        "homePageUrl":"http://steelhost:5000/","statusPageUrl":"http://steelhost:5000/info","healthCheckUrl":"http://steelhost:5000/health",
        "vipAddress":"steelsvc","secureVipAddress":"steelsvc","countryId":1,
        "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},
        "hostName":"steelhost","status":"STARTING","overriddenstatus":"UNKNOWN",
        "leaseInfo":{"renewalIntervalInSecs":10,"durationInSecs":30},"isCoordinatingDiscoveryServer":"false",
        "metadata":{"@class":"java.util.Collections$EmptyMap"},
        "lastUpdatedTimestamp":"1700000000000","lastDirtyTimestamp":"1700000000456","actionType":"ADDED"}}
        """;

    /// <summary>
    /// The Java client's XStream XML (<c>Converters.InstanceInfoConverter.marshal</c>), pretty-printed as XStream
    /// does: attributes for the ports and the data-center class, every @Auto field as an element.
    /// </summary>
    public const string XStreamXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <instance>
          <instanceId>localhost:hwexpress:10020</instanceId>
          <hostName>localhost</hostName>
          <app>HWEXPRESS</app>
          <ipAddr>127.0.0.1</ipAddr>
          <status>UP</status>
          <overriddenstatus>UNKNOWN</overriddenstatus>
          <port enabled="false">10020</port>
          <securePort enabled="true">10020</securePort>
          <countryId>1</countryId>
          <dataCenterInfo class="com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo">
            <name>MyOwn</name>
          </dataCenterInfo>
          <leaseInfo>
            <renewalIntervalInSecs>30</renewalIntervalInSecs>
            <durationInSecs>90</durationInSecs>
            <registrationTimestamp>0</registrationTimestamp>
            <lastRenewalTimestamp>0</lastRenewalTimestamp>
            <evictionTimestamp>0</evictionTimestamp>
            <serviceUpTimestamp>0</serviceUpTimestamp>
          </leaseInfo>
          <metadata>
            <apiml.catalog.tile.id>samples</apiml.catalog.tile.id>
            <apiml.service.title>Hello Express &amp; friends</apiml.service.title>
          </metadata>
          <homePageUrl>https://localhost:10020/</homePageUrl>
          <statusPageUrl>https://localhost:10020/application/info</statusPageUrl>
          <healthCheckUrl>https://localhost:10020/application/health</healthCheckUrl>
          <vipAddress>hwexpress</vipAddress>
          <secureVipAddress>hwexpress</secureVipAddress>
          <isCoordinatingDiscoveryServer>false</isCoordinatingDiscoveryServer>
          <lastUpdatedTimestamp>1700000000000</lastUpdatedTimestamp>
          <lastDirtyTimestamp>1700000000789</lastDirtyTimestamp>
        </instance>
        """;

    /// <summary>
    /// Zowe's "onboarding without an enabler" guide (docs-site onboard-direct-eureka-call.md): hand-written XML with
    /// no status, no lease, a data center without its class attribute, and route keys in XStream's coding
    /// (<c>api__v1</c> stands for <c>api_v1</c>).
    /// </summary>
    public const string ZoweGuideXml = """
        <?xml version="1.0" ?>
        <instance>
          <app>sampleservice</app>
          <ipAddr>10.0.0.9</ipAddr>
          <port enabled="false">10030</port>
          <securePort enabled="true">10030</securePort>
          <hostName>zoshost</hostName>
          <vipAddress>sampleservice</vipAddress>
          <secureVipAddress>sampleservice</secureVipAddress>
          <instanceId>zoshost:sampleservice:10030</instanceId>
          <dataCenterInfo>
            <name>MyOwn</name>
          </dataCenterInfo>
          <metadata>
                <apiml.catalog.tile.id>samples</apiml.catalog.tile.id>
                <apiml.routes.api__v1.gatewayUrl>api/v1</apiml.routes.api__v1.gatewayUrl>
                <apiml.routes.api__v1.serviceUrl>/sampleclient/api/v1</apiml.routes.api__v1.serviceUrl>
           </metadata>
        </instance>
        """;

    /// <summary>An instance as the registry holds it, every field set, registry-owned ones included.</summary>
    public static InstanceInfo Registered(string host = "gw1", int port = 10010, InstanceStatus status = InstanceStatus.Up) => new()
    {
        InstanceId = $"{host}:gateway:{port}",
        App = "GATEWAY",
        HostName = host,
        IpAddr = "10.1.2.3",
        VipAddress = "gateway",
        SecureVipAddress = "gateway",
        Status = status,
        Port = port,
        PortEnabled = false,
        SecurePort = port,
        SecurePortEnabled = true,
        HomePageUrl = $"https://{host}:{port}/",
        StatusPageUrl = $"https://{host}:{port}/application/info",
        HealthCheckUrl = $"https://{host}:{port}/application/health",
        SecureHealthCheckUrl = $"https://{host}:{port}/application/health",
        Lease = new LeaseInfo { RenewalIntervalInSecs = 30, DurationInSecs = 90, RegistrationTimestamp = 1000, LastRenewalTimestamp = 2000, EvictionTimestamp = 0, ServiceUpTimestamp = 1500 },
        Metadata = MetadataOf(("apiml.service.title", "API Gateway"), ("apiml.routes.api-v1.gatewayUrl", "api/v1")),
        LastUpdatedTimestamp = 3000,
        LastDirtyTimestamp = 2500,
    };

    public static ImmutableSortedDictionary<string, string> MetadataOf(params (string Key, string Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);

    /// <summary>Records compare the metadata dictionary by reference; this compares it by content.</summary>
    public static void AssertSameInstance(InstanceInfo expected, InstanceInfo actual)
    {
        Assert.Equal(expected.Metadata.ToList(), actual.Metadata.ToList());
        Assert.Equal(expected with { Metadata = actual.Metadata }, actual);
    }
}
