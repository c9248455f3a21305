using ApiMlCluster.Core.Http;
using System.Text.Json;
using ApiMlCluster.Core.Messages;
using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// Zowe's <c>/discovery/api/v1/staticApi</c>: GET lists the static instances, POST reloads the definition files.
/// Like everything under <c>/discovery</c> it needs a login, a token or a trusted client certificate; a reload also
/// needs an operator (<see cref="ReloadRequirement"/>).
/// </summary>
internal static class StaticApiEndpoints
{
    public const string Path = "/discovery/api/v1/staticApi";

    public static void MapStaticApiEndpoints(this IEndpointRouteBuilder routes, int discoveryPort)
    {
        var group = routes.MapGroup(Path).RequireLocalPort(discoveryPort).AddEndpointFilter<CallerRequirement>();
        group.MapGet(string.Empty, (StaticApiService statics) => Json(new { instances = Instances(statics.Current.Instances) }));
        group.MapPost(string.Empty, async (StaticApiService statics, HttpContext context) =>
        {
            var result = await statics.ReloadAsync(context.RequestAborted);
            return Json(new
            {
                errors = result.Errors,
                instances = Instances(result.Instances),
                registeredInstances = result.Registered,
                removedInstances = result.Removed,
            });
        }).AddEndpointFilter<ReloadRequirement>();
        group.MapMethods(string.Empty, ["PUT", "DELETE", "PATCH"], () => MessageResults.Message(CommonMessages.MethodNotAllowed));
    }

    // The Eureka JSON form of each instance, so the list reads like the registry's.
    private static List<JsonElement> Instances(IEnumerable<InstanceInfo> instances) =>
        [.. instances.Select(i => JsonDocument.Parse(EurekaCodec.WriteInstance(i, EurekaFormat.Json)).RootElement.GetProperty("instance").Clone())];

    private static IResult Json(object body) => Results.Json(body, statusCode: 200);
}
