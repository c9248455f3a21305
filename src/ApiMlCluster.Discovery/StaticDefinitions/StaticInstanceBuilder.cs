using System.Collections.Immutable;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// One <see cref="InstanceInfo"/> per <c>instanceBaseUrls</c> entry, built as Zowe's <c>ServiceDefinitionProcessor</c>
/// builds it: id <c>STATIC-host:serviceId:port</c>, status UP, the scheme deciding which port is enabled and whether
/// the health check URL is the plain or the secure one.
/// </summary>
internal static class StaticInstanceBuilder
{
    /// <summary>
    /// Builds what it can; every instance or value it cannot build is added to <paramref name="errors"/> with the
    /// file and service named.
    /// </summary>
    public static IReadOnlyList<InstanceInfo> Build(
        string fileName,
        StaticServiceDefinition service,
        IReadOnlyDictionary<string, CatalogUiTileDefinition> tiles,
        Func<string, string?> resolveAddress,
        List<string> errors)
    {
        var serviceId = service.ServiceId;
        if (string.IsNullOrWhiteSpace(serviceId))
        {
            errors.Add($"{fileName}: a service has no serviceId; its instances are not created");
            return [];
        }

        // The id is the middle segment of host:serviceId:port, so characters that would break that split are refused.
        if (serviceId.Any(c => c is ':' or '/' || char.IsWhiteSpace(c)))
        {
            errors.Add($"{fileName}: service '{serviceId}': the serviceId may not contain ':', '/' or spaces; its instances are not created");
            return [];
        }

        if (service.InstanceBaseUrls is null)
        {
            errors.Add($"{fileName}: service '{serviceId}': instanceBaseUrls is not defined; its instances are not created");
            return [];
        }

        (string, CatalogUiTileDefinition)? tile = null;
        if (service.CatalogUiTileId is { } tileId)
        {
            if (tiles.TryGetValue(tileId, out var definition))
            {
                tile = (tileId, definition);
            }
            else
            {
                errors.Add($"{fileName}: service '{serviceId}': the API Catalog UI tile ID {tileId} is invalid; the service has no tile");
            }
        }

        var instances = new List<InstanceInfo>();
        foreach (var baseUrl in service.InstanceBaseUrls)
        {
            if (TryBuildOne(fileName, service, serviceId, baseUrl, tile, resolveAddress, errors) is { } instance)
            {
                instances.Add(instance);
            }
        }

        return instances;
    }

    private static InstanceInfo? TryBuildOne(
        string fileName,
        StaticServiceDefinition service,
        string serviceId,
        string? baseUrl,
        (string, CatalogUiTileDefinition)? tile,
        Func<string, string?> resolveAddress,
        List<string> errors)
    {
        var where = $"{fileName}: service '{serviceId}'";
        if (string.IsNullOrEmpty(baseUrl))
        {
            errors.Add($"{where}: one of the instanceBaseUrls is empty; that instance is not created");
            return null;
        }

        if (!InstanceBaseUrl.TryParse(baseUrl, out var url, out var urlError))
        {
            errors.Add($"{where}: {urlError}; that instance is not created");
            return null;
        }

        if (resolveAddress(url.Host) is not { } ipAddress)
        {
            errors.Add($"{where}: the hostname of URL {baseUrl} is unknown; that instance is not created");
            return null;
        }

        var problems = new List<string>();
        if (!StaticMetadataBuilder.TryBuild(service, url.Path, tile, problems, out var metadata, out var metadataError))
        {
            errors.Add($"{where}: metadata creation failed ({metadataError}); that instance is not created");
            return null;
        }

        // Problems are per service, not per URL; report them once, with the first instance.
        errors.AddRange(problems.Select(problem => $"{where}: {problem}").Except(errors));

        var secure = url.Scheme == "https";
        var healthCheckUrl = service.HealthCheckRelativeUrl is null ? null : baseUrl + service.HealthCheckRelativeUrl;
        return new InstanceInfo
        {
            InstanceId = InstanceIds.Of(url.Host, serviceId, url.Port, isStatic: true),
            App = serviceId.ToUpperInvariant(),
            HostName = url.Host,
            IpAddr = ipAddress,
            VipAddress = serviceId,
            SecureVipAddress = serviceId,
            Status = InstanceStatus.Up,
            Port = url.Port,
            PortEnabled = !secure,

            // Zowe gives https instances both ports and http instances secure port 0.
            SecurePort = secure ? url.Port : 0,
            SecurePortEnabled = secure,
            HomePageUrl = baseUrl + (service.HomePageRelativeUrl ?? string.Empty),
            StatusPageUrl = service.StatusPageRelativeUrl is null ? null : baseUrl + service.StatusPageRelativeUrl,
            HealthCheckUrl = secure ? null : healthCheckUrl,
            SecureHealthCheckUrl = secure ? healthCheckUrl : null,
            Metadata = metadata,
        };
    }
}
