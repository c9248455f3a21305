namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// Element and property names of Eureka's wire format, shared by the JSON and XML readers and writers so the
/// two formats cannot drift apart. Taken from Netflix Eureka's <c>EurekaJacksonCodec</c> (JSON) and
/// <c>Converters</c> (XStream XML).
/// </summary>
internal static class EurekaWireNames
{
    public const string Applications = "applications";
    public const string Application = "application";
    public const string Instance = "instance";
    public const string Name = "name";

    // XStream escapes '_' in element names as "__"; the JSON codec copies those names so both formats match.
    public const string VersionsDelta = "versions__delta";
    public const string AppsHashCode = "apps__hashcode";

    public const string InstanceId = "instanceId";
    public const string HostName = "hostName";
    public const string App = "app";
    public const string IpAddr = "ipAddr";
    public const string Status = "status";

    // Eureka 1.10+ writes "overriddenStatus" in JSON; XStream XML and older JSON use "overriddenstatus".
    public const string OverriddenStatus = "overriddenStatus";
    public const string OverriddenStatusLegacy = "overriddenstatus";
    public const string Port = "port";
    public const string SecurePort = "securePort";
    public const string CountryId = "countryId";
    public const string DataCenterInfo = "dataCenterInfo";
    public const string LeaseInfo = "leaseInfo";
    public const string Metadata = "metadata";
    public const string HomePageUrl = "homePageUrl";
    public const string StatusPageUrl = "statusPageUrl";
    public const string HealthCheckUrl = "healthCheckUrl";
    public const string SecureHealthCheckUrl = "secureHealthCheckUrl";
    public const string VipAddress = "vipAddress";
    public const string SecureVipAddress = "secureVipAddress";
    public const string IsCoordinatingDiscoveryServer = "isCoordinatingDiscoveryServer";
    public const string LastUpdatedTimestamp = "lastUpdatedTimestamp";
    public const string LastDirtyTimestamp = "lastDirtyTimestamp";
    public const string ActionType = "actionType";

    public const string RenewalIntervalInSecs = "renewalIntervalInSecs";
    public const string DurationInSecs = "durationInSecs";
    public const string RegistrationTimestamp = "registrationTimestamp";
    public const string LastRenewalTimestamp = "lastRenewalTimestamp";
    public const string EvictionTimestamp = "evictionTimestamp";
    public const string ServiceUpTimestamp = "serviceUpTimestamp";

    /// <summary>JSON: the port number inside <c>{"$":8080,"@enabled":"true"}</c>.</summary>
    public const string JsonPortValue = "$";
    public const string JsonPortEnabled = "@enabled";

    /// <summary>XML: <c>&lt;port enabled="true"&gt;8080&lt;/port&gt;</c>.</summary>
    public const string XmlPortEnabled = "enabled";

    /// <summary>Jackson's type tag (<c>"@class"</c>) and XStream's (<c>class="..."</c>).</summary>
    public const string JsonClass = "@class";
    public const string XmlClass = "class";

    public const string DefaultDataCenterInfoClass = "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo";
    public const string AmazonInfoClass = "com.netflix.appinfo.AmazonInfo";

    /// <summary>What Eureka writes for empty metadata, for the benefit of clients that were written against it.</summary>
    public const string EmptyMapClass = "java.util.Collections$EmptyMap";

    /// <summary>Deprecated in Eureka but still written (always 1, "US").</summary>
    public const int DefaultCountryId = 1;
}
