using System.Reflection;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Node.Health;

/// <summary>Actuator-style endpoints under <c>/application</c>, served on every port of the node.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/application/health", async (NodeHealth health, HttpContext context) =>
        {
            var report = await health.ReportAsync(context.RequestAborted);
            return Results.Json(report, statusCode: report.Status == HealthStatus.Up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        endpoints.MapGet("/application/info", (NodeConfig config) => Results.Json(new
        {
            build = new
            {
                name = "apiml-cluster",
                version = Version,
            },
            apiml = new
            {
                haInstance = config.HaInstanceId,
                hostname = config.Hostname,
                cluster = config.Cluster.Name,
            },
        }));
    }

    private static string Version =>
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
