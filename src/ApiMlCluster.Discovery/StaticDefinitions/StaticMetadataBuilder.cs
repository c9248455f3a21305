using System.Collections.Immutable;
using ApiMlCluster.Discovery.Metadata;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// The metadata Zowe's <c>ServiceDefinitionProcessor.createMetadata</c> gives a static instance (and, with no base
/// URL or tile, an <c>additionalServiceMetadata</c> entry). Later steps win over earlier ones, customMetadata last,
/// so a definition can override anything through it, as in Zowe.
/// </summary>
internal static class StaticMetadataBuilder
{
    /// <summary>Catalog tiles from static files always carry this version; Zowe ignores the tile's own.</summary>
    public const string DefaultTileVersion = "1.0.0";

    /// <param name="basePath">The path of the instance base URL; null for additional metadata (no serviceUrl then).</param>
    /// <param name="problems">Non-fatal: the value is left out. A false return is fatal for the instance.</param>
    public static bool TryBuild(
        StaticServiceDefinition service,
        string? basePath,
        (string Id, CatalogUiTileDefinition Tile)? tile,
        List<string> problems,
        out ImmutableSortedDictionary<string, string> metadata,
        out string? error)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal) { [MetadataKeys.Version] = MetadataKeys.CurrentVersion };

        // Zowe puts nulls into the map here; a Eureka metadata value cannot be null, so absent stays absent.
        SetIfPresent(map, MetadataKeys.ServiceTitle, service.Title);
        SetIfPresent(map, MetadataKeys.ServiceDescription, service.Description);
        AddRoutes(map, service.Routes, basePath, problems);
        if (tile is var (id, definition))
        {
            map[MetadataKeys.CatalogId] = id;
            map[MetadataKeys.CatalogVersion] = DefaultTileVersion;
            SetIfPresent(map, MetadataKeys.CatalogTitle, definition.Title);
            SetIfPresent(map, MetadataKeys.CatalogDescription, definition.Description);
        }

        foreach (var (api, index) in (service.ApiInfo ?? []).Select((api, i) => (api, i)))
        {
            AddApiInfo(map, api, index);
        }

        AddAuthentication(map, service.Authentication, problems);
        if (service.CustomMetadata is { } custom && !MetadataFlattener.TryFlatten(custom, map, out error))
        {
            metadata = ImmutableSortedDictionary<string, string>.Empty;
            return false;
        }

        metadata = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, map);
        error = null;
        return true;
    }

    private static void AddRoutes(SortedDictionary<string, string> map, IReadOnlyList<StaticRoute>? routes, string? basePath, List<string> problems)
    {
        foreach (var (route, i) in (routes ?? []).Select((route, i) => (route, i)))
        {
            if (route.GatewayUrl is null)
            {
                problems.Add($"routes[{i}]: has no gatewayUrl; the route is skipped");
                continue;
            }

            var gatewayUrl = UrlPaths.TrimSlashes(route.GatewayUrl);
            var key = gatewayUrl.Replace('/', '-');
            map[$"{MetadataKeys.Routes}.{key}.{MetadataKeys.RouteGatewayUrl}"] = gatewayUrl;
            if (basePath is not null)
            {
                // Plain concatenation, as in Zowe: a base URL ending in "/" and a relative URL starting with "/" give "//".
                map[$"{MetadataKeys.Routes}.{key}.{MetadataKeys.RouteServiceUrl}"] = basePath + (route.ServiceRelativeUrl ?? string.Empty);
            }
        }
    }

    // EurekaMetadataParser.generateMetadata: keyed by the encoded gatewayUrl, so two APIs on one gatewayUrl collide.
    private static void AddApiInfo(SortedDictionary<string, string> map, StaticApiInfo api, int index)
    {
        // Zowe uses random bytes when gatewayUrl is missing; the position is stable and just as unique.
        var key = api.GatewayUrl is null ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : UrlPaths.EncodeKey(api.GatewayUrl);
        var prefix = $"{MetadataKeys.ApiInfo}.{key}.";
        SetIfPresent(map, prefix + MetadataKeys.ApiInfoApiId, api.ApiId);
        SetIfPresent(map, prefix + MetadataKeys.ApiInfoGatewayUrl, api.GatewayUrl);
        SetIfPresent(map, prefix + MetadataKeys.ApiInfoVersion, api.Version);
        SetIfPresent(map, prefix + MetadataKeys.ApiInfoSwaggerUrl, api.SwaggerUrl);
        SetIfPresent(map, prefix + MetadataKeys.ApiInfoGraphqlUrl, api.GraphqlUrl);
        SetIfPresent(map, prefix + MetadataKeys.ApiInfoDocumentationUrl, api.DocumentationUrl);
        foreach (var (snippet, i) in api.CodeSnippets.Select((snippet, i) => (snippet, i)))
        {
            var snippetPrefix = $"{prefix}{MetadataKeys.CodeSnippet}.{i}.";
            SetIfPresent(map, snippetPrefix + MetadataKeys.CodeSnippetEndpoint, snippet.Endpoint);
            SetIfPresent(map, snippetPrefix + MetadataKeys.CodeSnippetCodeBlock, snippet.CodeBlock);
            SetIfPresent(map, snippetPrefix + MetadataKeys.CodeSnippetLanguage, snippet.Language);
        }

        map[prefix + MetadataKeys.ApiInfoIsDefault] = api.DefaultApi ? "true" : "false";
    }

    private static void AddAuthentication(SortedDictionary<string, string> map, StaticAuthentication? authentication, List<string> problems)
    {
        if (authentication is null)
        {
            return;
        }

        if (authentication.Scheme is not null)
        {
            if (AuthenticationSchemes.TryParse(authentication.Scheme, out var scheme))
            {
                map[MetadataKeys.AuthenticationScheme] = scheme.ToMetadata();
            }
            else
            {
                problems.Add($"authentication.scheme: '{authentication.Scheme}' is not a scheme Zowe knows; left out");
            }
        }

        SetIfPresent(map, MetadataKeys.AuthenticationApplid, authentication.Applid);

        // Zowe's processor drops headers, leaving a static x509 service without its certificate headers.
        SetIfPresent(map, MetadataKeys.AuthenticationHeaders, authentication.Headers);
    }

    private static void SetIfPresent(SortedDictionary<string, string> map, string key, string? value)
    {
        if (value is not null)
        {
            map[key] = value;
        }
    }
}
