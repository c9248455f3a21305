using System.Collections.Immutable;

namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// An instance's flat metadata map read into the settings Zowe's gateway, catalog and discovery service act on.
/// Built by <see cref="ServiceMetadataParser"/>; every member has the value Zowe uses when the key is absent.
/// </summary>
internal sealed record ServiceMetadata
{
    /// <summary>The metadata schema version (<c>version</c>); absent for v1 clients.</summary>
    public string? Version { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Most specific first (longest gatewayUrl), the order the gateway must match them in.</summary>
    public IReadOnlyList<RouteDefinition> Routes { get; init; } = [];

    public IReadOnlyList<ApiInfo> ApiInfo { get; init; } = [];

    public ServiceAuthentication Authentication { get; init; } = ServiceAuthentication.None;

    public CatalogTile? CatalogTile { get; init; }

    /// <summary><c>apiml.lb.type</c>, e.g. <c>authentication</c> for sticky-by-user balancing.</summary>
    public string? LoadBalancerType { get; init; }

    public CorsSettings Cors { get; init; } = CorsSettings.Disabled;

    public ServiceTimeouts Timeouts { get; init; } = ServiceTimeouts.None;

    /// <summary><c>apiml.enableUrlEncodedCharacters</c>; v3 allows encoded characters unless told otherwise.</summary>
    public bool EnableUrlEncodedCharacters { get; init; } = true;

    /// <summary><c>apiml.service.externalUrl</c>: route target instead of <c>lb://serviceId</c> (domain gateways).</summary>
    public string? ExternalUrl { get; init; }

    /// <summary><c>apiml.service.apimlId</c>: replaces the service id in the route path.</summary>
    public string? ApimlId { get; init; }

    public bool SupportClientCertForwarding { get; init; }

    public bool OkToRetryOnAllOperations { get; init; }

    /// <summary>Every key this model does not interpret: not under <c>apiml.</c>, and not <c>version</c> or <c>connect-timeout</c>.</summary>
    public ImmutableSortedDictionary<string, string> CustomMetadata { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
