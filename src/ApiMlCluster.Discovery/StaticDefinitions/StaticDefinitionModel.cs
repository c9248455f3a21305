namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>One entry of <c>services</c> (or, with <see cref="Mode"/>, of <c>additionalServiceMetadata</c>), as written.</summary>
internal sealed record StaticServiceDefinition
{
    public string? ServiceId { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? CatalogUiTileId { get; init; }

    public IReadOnlyList<string?>? InstanceBaseUrls { get; init; }

    public string? HomePageRelativeUrl { get; init; }

    public string? StatusPageRelativeUrl { get; init; }

    public string? HealthCheckRelativeUrl { get; init; }

    public IReadOnlyList<StaticRoute>? Routes { get; init; }

    public IReadOnlyList<StaticApiInfo>? ApiInfo { get; init; }

    public StaticAuthentication? Authentication { get; init; }

    public IReadOnlyDictionary<string, object?>? CustomMetadata { get; init; }

    /// <summary>Only in <c>additionalServiceMetadata</c>: <c>UPDATE</c> (default) or <c>FORCE_UPDATE</c>.</summary>
    public MetadataUpdateMode Mode { get; init; } = MetadataUpdateMode.Update;
}

/// <summary><c>routes[]</c> (alias <c>routedServices</c>).</summary>
internal sealed record StaticRoute(string? GatewayUrl, string? ServiceRelativeUrl);

/// <summary><c>apiInfo[]</c>, the same fields an enabler registers.</summary>
internal sealed record StaticApiInfo
{
    public string? ApiId { get; init; }

    public string? GatewayUrl { get; init; }

    public string? Version { get; init; }

    public string? SwaggerUrl { get; init; }

    public string? GraphqlUrl { get; init; }

    public string? DocumentationUrl { get; init; }

    public bool DefaultApi { get; init; }

    public IReadOnlyList<Metadata.CodeSnippet> CodeSnippets { get; init; } = [];
}

/// <summary><c>authentication</c>; the scheme stays text so an unknown one can be reported by name.</summary>
internal sealed record StaticAuthentication(string? Scheme, string? Applid, string? Headers);

/// <summary>A <c>catalogUiTiles</c> entry.</summary>
internal sealed record CatalogUiTileDefinition(string? Title, string? Description, string? Version);

/// <summary>Everything one file defines.</summary>
internal sealed record StaticDefinitionDocument(
    IReadOnlyList<StaticServiceDefinition> Services,
    IReadOnlyDictionary<string, CatalogUiTileDefinition> CatalogUiTiles,
    IReadOnlyList<StaticServiceDefinition> AdditionalServiceMetadata);

/// <summary>How <c>additionalServiceMetadata</c> merges into a registering instance's metadata.</summary>
internal enum MetadataUpdateMode
{
    /// <summary>Only keys the instance does not have are added.</summary>
    Update,

    /// <summary>Every key is set, overwriting what the instance sent.</summary>
    ForceUpdate,
}
