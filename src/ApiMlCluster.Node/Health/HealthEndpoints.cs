using System.Reflection;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Node.Health;

/// <summary>Actuator-style endpoints under <c>/application</c>, served on every port of the node.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/application/health", async (NodeHealth health, DiagnosticsAccess access, HttpContext context) =>
        {
            var report = await health.ReportAsync(context.RequestAborted);
            var status = report.Status == HealthStatus.Up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            return await access.MaySeeDetailsAsync(context)
                ? Results.Json(report, statusCode: status)
                : Results.Json(new { status = report.Status }, statusCode: status);
        });

        endpoints.MapGet("/application/info", async (NodeConfig config, DiagnosticsAccess access, HttpContext context) =>
        {
            var build = new { name = "apiml-cluster", version = Version };
            return await access.MaySeeDetailsAsync(context)
                ? Results.Json(new { build, apiml = new { haInstance = config.HaInstanceId, hostname = config.Hostname, cluster = config.Cluster.Name } })
                : Results.Json(new { build });
        });
    }

    private static string Version =>
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
