using System.Text;
using System.Text.Json;

namespace ApiMlCluster.Node.Tests.Support;

/// <summary>Eureka registration bodies as Zowe's enablers send them: instanceId <c>localhost:serviceId:port</c>, secure port enabled.</summary>
internal static class EurekaRegistrations
{
    /// <summary>Without <paramref name="metadata"/>: one route, Zowe style: gateway <c>/{serviceId}/api/v1</c> → service <c>/{serviceId}/api/v1</c>.</summary>
    public static StringContent Json(string serviceId, int port, Dictionary<string, string>? metadata = null, string host = "localhost", int leaseSeconds = 90)
    {
        metadata ??= Metadata(serviceId);
        var document = new
        {
            instance = new Dictionary<string, object>
            {
                ["instanceId"] = $"{host}:{serviceId}:{port}",
                ["app"] = serviceId.ToUpperInvariant(),
                ["hostName"] = host,
                ["ipAddr"] = "127.0.0.1",
                ["status"] = "UP",
                ["port"] = new Dictionary<string, object> { ["$"] = port, ["@enabled"] = "false" },
                ["securePort"] = new Dictionary<string, object> { ["$"] = port, ["@enabled"] = "true" },
                ["vipAddress"] = serviceId,
                ["secureVipAddress"] = serviceId,
                ["homePageUrl"] = $"https://{host}:{port}/",
                ["dataCenterInfo"] = new Dictionary<string, object> { ["@class"] = "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", ["name"] = "MyOwn" },
                ["leaseInfo"] = new { renewalIntervalInSecs = 30, durationInSecs = leaseSeconds },
                ["metadata"] = metadata,
            },
        };
        return new StringContent(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json");
    }

    /// <summary>The default metadata (route <c>api/v1</c> → <c>/{serviceId}/api/v1</c>, v2 keys) plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string> Metadata(string serviceId, params (string Key, string Value)[] extra)
    {
        var metadata = new Dictionary<string, string>
        {
            ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
            ["apiml.routes.api-v1.serviceUrl"] = $"/{serviceId}/api/v1",
            ["version"] = "2.0.0",
        };
        foreach (var (key, value) in extra)
        {
            metadata[key] = value;
        }

        return metadata;
    }
}
