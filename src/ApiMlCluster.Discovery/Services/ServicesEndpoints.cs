using ApiMlCluster.Core.Http;
using ApiMlCluster.Discovery.ReadModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApiMlCluster.Discovery.Services;

/// <summary>
/// Zowe's <c>GET /gateway/api/v1/services[/{serviceId}]</c> (and the <c>/gateway/services</c> alias) on the gateway
/// port, from this node's registry snapshot. 404 when nothing matches, with the same body shape.
/// </summary>
internal static class ServicesEndpoints
{
    public static readonly string[] Prefixes = ["/gateway/api/v1/services", "/gateway/services"];

    public static void MapServicesEndpoints(this IEndpointRouteBuilder routes, int gatewayPort, GatewayAddress gateway)
    {
        foreach (var prefix in Prefixes)
        {
            var group = routes.MapGroup(prefix).RequireLocalPort(gatewayPort).AddEndpointFilter<CallerRequirement>();
            group.MapGet(string.Empty, (RegistrySnapshot snapshot, HttpContext context) =>
            {
                var apiId = context.Request.Query["apiId"] is { Count: > 0 } values ? values[0] : null;
                var services = ServicesInfoBuilder.Build([.. snapshot.Current.Registered], gateway, apiId);
                return Versioned(context, services, services.Count == 0 ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
            });
            group.MapGet("/{serviceId}", (string serviceId, RegistrySnapshot snapshot, HttpContext context) =>
            {
                var service = ServicesInfoBuilder.BuildOne([.. snapshot.Current.Registered], serviceId, gateway);
                return Versioned(context, service, service.Status == "UNKNOWN" ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
            });
        }
    }

    private static IResult Versioned(HttpContext context, object body, int status)
    {
        context.Response.Headers[ServicesInfoJson.VersionHeader] = ServicesInfoJson.CurrentVersion;
        return Results.Json(body, ServicesInfoJson.Options, statusCode: status);
    }
}
