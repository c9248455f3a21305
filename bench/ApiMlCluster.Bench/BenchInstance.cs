using System.Globalization;
using System.Text.Json;

namespace ApiMlCluster.Bench;

/// <summary>
/// One instance a benchmark registers, <c>localhost:{serviceId}:{port}</c>, with the metadata a Zowe service sends
/// (routes, apiInfo, catalog tile, authentication, timeouts): about 1.5 KB of JSON per registration.
/// </summary>
internal sealed record BenchInstance(string ServiceId, int Port)
{
    /// <summary>Longer than any run, so no instance is evicted while the benchmark still counts on it; renewals are measured on their own.</summary>
    public const int LeaseSeconds = 3600;

    /// <summary>Sent at registration and with every renewal, as Eureka clients do; a renewal with a newer one would be a 404.</summary>
    public const long LastDirtyTimestamp = 1_700_000_000_000;

    public string App => ServiceId.ToUpperInvariant();

    public string InstanceId => $"localhost:{ServiceId}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public byte[] Body()
    {
        var metadata = Metadata(ServiceId);
        var document = new Dictionary<string, object>
        {
            ["instance"] = new Dictionary<string, object>
            {
                ["instanceId"] = InstanceId,
                ["app"] = App,
                ["hostName"] = "localhost",
                ["ipAddr"] = "127.0.0.1",
                ["status"] = "UP",
                ["overriddenstatus"] = "UNKNOWN",
                ["port"] = new Dictionary<string, object> { ["$"] = Port, ["@enabled"] = "false" },
                ["securePort"] = new Dictionary<string, object> { ["$"] = Port, ["@enabled"] = "true" },
                ["countryId"] = 1,
                ["vipAddress"] = ServiceId,
                ["secureVipAddress"] = ServiceId,
                ["homePageUrl"] = $"https://localhost:{Port}/",
                ["statusPageUrl"] = $"https://localhost:{Port}/application/info",
                ["healthCheckUrl"] = $"https://localhost:{Port}/application/health",
                ["secureHealthCheckUrl"] = $"https://localhost:{Port}/application/health",
                ["dataCenterInfo"] = new Dictionary<string, object> { ["@class"] = "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", ["name"] = "MyOwn" },
                ["leaseInfo"] = new Dictionary<string, object> { ["renewalIntervalInSecs"] = 30, ["durationInSecs"] = LeaseSeconds },
                ["isCoordinatingDiscoveryServer"] = "false",
                ["lastDirtyTimestamp"] = LastDirtyTimestamp.ToString(CultureInfo.InvariantCulture),
                ["actionType"] = "ADDED",
                ["metadata"] = metadata,
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }

    private static Dictionary<string, string> Metadata(string serviceId) => new()
    {
        ["version"] = "2.0.0",
        ["apiml.service.title"] = $"Benchmark service {serviceId}",
        ["apiml.service.description"] = $"The {serviceId} service is registered by bench/discovery to measure the discovery service. It stands for a typical z/OS REST service onboarded with the Java enabler: REST API, Swagger documentation and a UI.",
        ["apiml.catalog.tile.id"] = "bench",
        ["apiml.catalog.tile.version"] = "1.0.0",
        ["apiml.catalog.tile.title"] = "Benchmark services",
        ["apiml.catalog.tile.description"] = "Services registered by the discovery benchmark",
        ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
        ["apiml.routes.api-v1.serviceUrl"] = $"/{serviceId}/api/v1",
        ["apiml.routes.ui-v1.gatewayUrl"] = "ui/v1",
        ["apiml.routes.ui-v1.serviceUrl"] = $"/{serviceId}",
        ["apiml.routes.ws-v1.gatewayUrl"] = "ws/v1",
        ["apiml.routes.ws-v1.serviceUrl"] = $"/{serviceId}/ws",
        ["apiml.apiInfo.0.apiId"] = $"zowe.apiml.{serviceId}",
        ["apiml.apiInfo.0.gatewayUrl"] = "api/v1",
        ["apiml.apiInfo.0.version"] = "1.0.0",
        ["apiml.apiInfo.0.swaggerUrl"] = $"https://localhost/{serviceId}/v3/api-docs",
        ["apiml.apiInfo.0.documentationUrl"] = $"https://localhost/{serviceId}/docs",
        ["apiml.apiInfo.0.defaultApi"] = "true",
        ["apiml.apiInfo.1.apiId"] = $"zowe.apiml.{serviceId}.v2",
        ["apiml.apiInfo.1.gatewayUrl"] = "api/v2",
        ["apiml.apiInfo.1.version"] = "2.0.0",
        ["apiml.apiInfo.1.swaggerUrl"] = $"https://localhost/{serviceId}/v3/api-docs/v2",
        ["apiml.authentication.scheme"] = "zoweJwt",
        ["apiml.authentication.sso"] = "true",
        // No APPLID: zoweJwt needs none, and a registration naming one is refused unless components.discovery.apiml.security.registration.applIds grants it.
        ["apiml.service.supportClientCertForwarding"] = "false",
        ["apiml.enableUrlEncodedCharacters"] = "false",
        ["apiml.connectTimeout"] = "10000",
        ["apiml.readTimeout"] = "20000",
        ["apiml.corsEnabled"] = "true",
        ["apiml.lb.type"] = "headerRequest",
        ["apiml.registrationType"] = "primary",
    };
}
