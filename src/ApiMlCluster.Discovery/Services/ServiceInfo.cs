using System.Text.Json.Serialization;

namespace ApiMlCluster.Discovery.Services;

/// <summary>
/// One element of <c>GET /gateway/api/v1/services</c> (Zowe's <c>ServiceInfo</c>). Null members are left out of the
/// JSON, as Zowe's <c>@JsonInclude(NON_NULL)</c> does: an unknown or empty service carries only id and status.
/// </summary>
internal sealed record ServiceInfo
{
    public required string ServiceId { get; init; }

    /// <summary>Eureka's name: UP, DOWN or (for a service nobody registered) UNKNOWN.</summary>
    public required string Status { get; init; }

    public ApimlInfo? Apiml { get; init; }

    public IReadOnlyDictionary<string, InstanceDetails>? Instances { get; init; }
}

internal sealed record ApimlInfo
{
    public IReadOnlyList<ApiInfoExtended>? ApiInfo { get; init; }

    public ServiceSummary? Service { get; init; }

    public IReadOnlyList<AuthenticationInfo>? Authentication { get; init; }
}

/// <summary>An API with where the gateway exposes it. Zowe does not copy graphqlUrl into this view, so neither does this.</summary>
internal sealed record ApiInfoExtended
{
    public string? ApiId { get; init; }

    public string? GatewayUrl { get; init; }

    public string? Version { get; init; }

    /// <summary>Rewritten to the gateway's URL when a route covers it, else the service's own URL.</summary>
    public string? SwaggerUrl { get; init; }

    public string? DocumentationUrl { get; init; }

    public IReadOnlyList<CodeSnippetInfo>? CodeSnippet { get; init; }

    public bool DefaultApi { get; init; }

    /// <summary><c>{scheme}://{host:port}{basePath}</c> of the gateway.</summary>
    public string? BaseUrl { get; init; }

    /// <summary><c>/{serviceId}/{gatewayUrl}</c>.</summary>
    public string? BasePath { get; init; }
}

internal sealed record CodeSnippetInfo(string? Endpoint, string? CodeBlock, string? Language);

internal sealed record ServiceSummary(string? Title, string? Description, string? HomePageUrl);

/// <summary>Zowe's <c>Authentication</c> as JSON: <see cref="SupportsSso"/> is always present, the rest when set.</summary>
internal sealed record AuthenticationInfo(string? Scheme, string? Applid, string? Headers, bool SupportsSso);

internal sealed record InstanceDetails
{
    public required string Status { get; init; }

    public required string Hostname { get; init; }

    public string? IpAddr { get; init; }

    public required string Protocol { get; init; }

    public int Port { get; init; }

    public string? HomePageUrl { get; init; }

    public string? HealthCheckUrl { get; init; }

    public string? StatusPageUrl { get; init; }

    /// <summary>Every metadata key not starting with <c>apiml.</c> (so <c>version</c> is included, as in Zowe).</summary>
    public IReadOnlyDictionary<string, string>? CustomMetadata { get; init; }
}

/// <summary>The serializer settings and headers the endpoint must use to match Zowe byte for byte where it matters.</summary>
internal static class ServicesInfoJson
{
    public const string VersionHeader = "Content-Version";
    public const string CurrentVersion = "1";

    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
