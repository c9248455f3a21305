using System.Text.Json;

namespace ApiMlCluster.Chaos;

/// <summary>Eureka registration bodies as Zowe's enablers send them: instanceId <c>localhost:serviceId:port</c>, secure port enabled.</summary>
internal static class Registration
{
    public static string InstanceId(string serviceId, int port) => $"localhost:{serviceId}:{port}";

    /// <summary>One route, Zowe style: gateway <c>/{serviceId}/api/v1</c> → service <c>/{serviceId}/api/v1</c>.</summary>
    public static string Json(string serviceId, int port, int leaseSeconds, int renewSeconds) => JsonSerializer.Serialize(new
    {
        instance = new Dictionary<string, object>
        {
            ["instanceId"] = InstanceId(serviceId, port),
            ["app"] = serviceId.ToUpperInvariant(),
            ["hostName"] = "localhost",
            ["ipAddr"] = "127.0.0.1",
            ["status"] = "UP",
            ["port"] = new Dictionary<string, object> { ["$"] = port, ["@enabled"] = "false" },
            ["securePort"] = new Dictionary<string, object> { ["$"] = port, ["@enabled"] = "true" },
            ["vipAddress"] = serviceId,
            ["secureVipAddress"] = serviceId,
            ["homePageUrl"] = $"https://localhost:{port}/",
            ["dataCenterInfo"] = new Dictionary<string, object> { ["@class"] = "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", ["name"] = "MyOwn" },
            ["leaseInfo"] = new { renewalIntervalInSecs = renewSeconds, durationInSecs = leaseSeconds },
            ["metadata"] = new Dictionary<string, string>
            {
                ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
                ["apiml.routes.api-v1.serviceUrl"] = $"/{serviceId}/api/v1",
                ["version"] = "2.0.0",
            },
        },
    });
}
