using System.Collections.Immutable;
using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Services;

/// <summary>
/// The bodies of <c>GET /gateway/api/v1/services</c> and <c>/services/{serviceId}</c>, computed from registry
/// snapshots as Zowe's v3 <c>ServicesInfoService</c> computes them. Pure: same input, same output, same order.
/// </summary>
internal static class ServicesInfoBuilder
{
    /// <summary>
    /// Every service, ordered by service id. With <paramref name="apiIdFilter"/>, only services that list an API with
    /// exactly that apiId (case-sensitive, as Zowe); an empty result is the endpoint's 404.
    /// </summary>
    public static IReadOnlyList<ServiceInfo> Build(IReadOnlyList<RegisteredService> services, GatewayAddress gateway, string? apiIdFilter)
    {
        var result = services
            .OrderBy(service => service.ServiceId, StringComparer.Ordinal)
            .Select(service => Build(service, gateway));
        if (apiIdFilter is not null)
        {
            result = result.Where(info => info.Apiml?.ApiInfo?.Any(api => api.ApiId == apiIdFilter) == true);
        }

        return [.. result];
    }

    /// <summary>
    /// One service by id (case-insensitive). A service nobody registered has status UNKNOWN, which the endpoint
    /// answers with 404 and this same body.
    /// </summary>
    public static ServiceInfo BuildOne(IReadOnlyList<RegisteredService> services, string serviceId, GatewayAddress gateway)
    {
        var service = services.FirstOrDefault(s => string.Equals(s.ServiceId, serviceId, StringComparison.OrdinalIgnoreCase));
        return service is null
            ? new ServiceInfo { ServiceId = serviceId, Status = InstanceStatus.Unknown.ToEureka() }
            : Build(service, gateway);
    }

    private static ServiceInfo Build(RegisteredService service, GatewayAddress gateway)
    {
        // A gateway that joined several API MLs registers into each; its extra ("additional") registrations would
        // list it several times.
        var instances = service.Instances.Values
            .Where(instance => !string.Equals(instance.Metadata.GetValueOrDefault(MetadataKeys.RegistrationType), "additional", StringComparison.Ordinal))
            .Select(instance => (Instance: instance, Metadata: ServiceMetadataParser.Parse(instance.Metadata, out _)))
            .ToList();
        if (instances.Count == 0)
        {
            return new ServiceInfo { ServiceId = service.ServiceId, Status = InstanceStatus.Down.ToEureka() };
        }

        var status = instances.Any(i => i.Instance.EffectiveStatus == InstanceStatus.Up) ? InstanceStatus.Up : InstanceStatus.Down;
        return new ServiceInfo
        {
            ServiceId = service.ServiceId,
            Status = status.ToEureka(),
            Apiml = new ApimlInfo
            {
                ApiInfo = ApiInfos(service.ServiceId, instances, gateway),
                Service = Summary(service.ServiceId, instances, gateway),
                Authentication = [.. instances
                    .Select(i => i.Metadata.Authentication)
                    .Where(authentication => !authentication.IsEmpty)
                    .Select(authentication => new AuthenticationInfo(authentication.Scheme?.ToMetadata(), authentication.Applid, authentication.Headers, authentication.SupportsSso))
                    .Distinct()],
            },
            Instances = instances.ToImmutableSortedDictionary(i => i.Instance.InstanceId, i => Details(i.Instance), StringComparer.Ordinal),
        };
    }

    // One entry per (apiId, major version): the first seen wins, as Zowe's groupingBy/minBy keeps the first of equals.
    private static List<ApiInfoExtended> ApiInfos(string serviceId, List<(InstanceInfo Instance, ServiceMetadata Metadata)> instances, GatewayAddress gateway)
    {
        var seen = new HashSet<(string?, int)>();
        var result = new List<ApiInfoExtended>();
        foreach (var (_, metadata) in instances)
        {
            foreach (var api in metadata.ApiInfo)
            {
                if (!seen.Add((api.ApiId, ApiVersion.Parse(api.Version).Major)))
                {
                    continue;
                }

                var basePath = $"/{serviceId}/{api.GatewayUrl}";
                result.Add(new ApiInfoExtended
                {
                    ApiId = api.ApiId,
                    GatewayUrl = api.GatewayUrl,
                    Version = api.Version,
                    SwaggerUrl = api.SwaggerUrl is null
                        ? null
                        : GatewayUrlTransform.TryTransform(GatewayUrlTransform.RouteType.Api, serviceId, api.SwaggerUrl, metadata.Routes, gateway) ?? api.SwaggerUrl,
                    DocumentationUrl = api.DocumentationUrl,
                    CodeSnippet = api.CodeSnippets.Count == 0 ? null : [.. api.CodeSnippets.Select(s => new CodeSnippetInfo(s.Endpoint, s.CodeBlock, s.Language))],
                    DefaultApi = api.DefaultApi,
                    BaseUrl = $"{gateway.Scheme}://{gateway.Authority}{basePath}",
                    BasePath = basePath,
                });
            }
        }

        return result;
    }

    // Title, description and home page come from the instance that offers the highest API version.
    private static ServiceSummary Summary(string serviceId, List<(InstanceInfo Instance, ServiceMetadata Metadata)> instances, GatewayAddress gateway)
    {
        var (chosen, metadata) = instances[0];
        var highest = default(ApiVersion);
        foreach (var (instance, candidate) in instances)
        {
            foreach (var api in candidate.ApiInfo)
            {
                var version = ApiVersion.Parse(api.Version);
                if (version.CompareTo(highest) > 0)
                {
                    (highest, chosen, metadata) = (version, instance, candidate);
                }
            }
        }

        var homePage = chosen.HomePageUrl is null
            ? null
            : GatewayUrlTransform.TryTransform(GatewayUrlTransform.RouteType.Ui, serviceId, chosen.HomePageUrl, metadata.Routes, gateway) ?? chosen.HomePageUrl;
        return new ServiceSummary(metadata.Title, metadata.Description, homePage);
    }

    private static InstanceDetails Details(InstanceInfo instance) => new()
    {
        Status = instance.EffectiveStatus.ToEureka(),
        Hostname = instance.HostName,
        IpAddr = instance.IpAddr,
        Protocol = instance.SecurePortEnabled ? "https" : "http",
        Port = instance.SecurePortEnabled ? instance.SecurePort : instance.Port,
        HomePageUrl = instance.HomePageUrl,
        HealthCheckUrl = instance.SecurePortEnabled ? instance.SecureHealthCheckUrl : instance.HealthCheckUrl,
        StatusPageUrl = instance.StatusPageUrl,
        CustomMetadata = instance.Metadata
            .Where(entry => !entry.Key.StartsWith(MetadataKeys.ApimlPrefix, StringComparison.Ordinal))
            .ToImmutableSortedDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal),
    };
}
