namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// Turns the plain YAML tree of one file into <see cref="StaticDefinitionDocument"/>. A value of the wrong shape or
/// an unknown key is reported with its path and skipped; Zowe (Jackson) would reject the whole file instead, which
/// hides every other service in it behind one typo.
/// </summary>
internal sealed class StaticDefinitionReader
{
    private static readonly HashSet<string> ServiceKeys = new(StringComparer.Ordinal)
    {
        "serviceId", "title", "description", "catalogUiTileId", "instanceBaseUrls", "homePageRelativeUrl",
        "statusPageRelativeUrl", "healthCheckRelativeUrl", "routes", "routedServices", "apiInfo", "authentication",
        "customMetadata",
    };

    private readonly List<string> errors;

    private StaticDefinitionReader(List<string> errors) => this.errors = errors;

    /// <summary>Reads <paramref name="root"/>; problems go to <paramref name="errors"/> as <c>path: message</c>.</summary>
    public static StaticDefinitionDocument Read(object? root, List<string> errors) => new StaticDefinitionReader(errors).ReadDocument(root);

    private StaticDefinitionDocument ReadDocument(object? root)
    {
        var services = new List<StaticServiceDefinition>();
        var tiles = new Dictionary<string, CatalogUiTileDefinition>(StringComparer.Ordinal);
        var overrides = new List<StaticServiceDefinition>();
        if (root is null)
        {
            return new StaticDefinitionDocument(services, tiles, overrides);
        }

        if (root is not Dictionary<string, object?> map)
        {
            errors.Add("the document must be a mapping with services, catalogUiTiles and additionalServiceMetadata");
            return new StaticDefinitionDocument(services, tiles, overrides);
        }

        foreach (var (key, value) in map)
        {
            switch (key)
            {
                case "services":
                    services.AddRange(ReadList(value, key).Select((node, i) => ReadService(node, $"services[{i}]", isOverride: false)).OfType<StaticServiceDefinition>());
                    break;
                case "additionalServiceMetadata":
                    overrides.AddRange(ReadList(value, key).Select((node, i) => ReadService(node, $"additionalServiceMetadata[{i}]", isOverride: true)).OfType<StaticServiceDefinition>());
                    break;
                case "catalogUiTiles":
                    foreach (var (id, tile) in ReadMap(value, key) ?? [])
                    {
                        if (ReadTile(tile, $"catalogUiTiles.{id}") is { } definition)
                        {
                            tiles[id] = definition;
                        }
                    }

                    break;
                default:
                    errors.Add($"{key}: unknown key; ignored");
                    break;
            }
        }

        return new StaticDefinitionDocument(services, tiles, overrides);
    }

    private StaticServiceDefinition? ReadService(object? node, string path, bool isOverride)
    {
        if (ReadMap(node, path) is not { } map)
        {
            return null;
        }

        var mode = MetadataUpdateMode.Update;
        foreach (var key in map.Keys.Where(key => !ServiceKeys.Contains(key)))
        {
            if (isOverride && key == "mode")
            {
                switch (ReadString(map[key], $"{path}.mode"))
                {
                    case null or "UPDATE":
                        break;
                    case "FORCE_UPDATE":
                        mode = MetadataUpdateMode.ForceUpdate;
                        break;
                    case var other:
                        errors.Add($"{path}.mode: '{other}' is not UPDATE or FORCE_UPDATE; the entry is skipped");
                        return null;
                }
            }
            else
            {
                errors.Add($"{path}.{key}: unknown key; ignored");
            }
        }

        var routes = map.TryGetValue("routes", out var routeNode) ? routeNode : map.GetValueOrDefault("routedServices");
        var routesPath = map.ContainsKey("routes") ? $"{path}.routes" : $"{path}.routedServices";
        return new StaticServiceDefinition
        {
            ServiceId = ReadString(map.GetValueOrDefault("serviceId"), $"{path}.serviceId"),
            Title = ReadString(map.GetValueOrDefault("title"), $"{path}.title"),
            Description = ReadString(map.GetValueOrDefault("description"), $"{path}.description"),
            CatalogUiTileId = ReadString(map.GetValueOrDefault("catalogUiTileId"), $"{path}.catalogUiTileId"),
            InstanceBaseUrls = map.TryGetValue("instanceBaseUrls", out var urls) && urls is not null
                ? ReadList(urls, $"{path}.instanceBaseUrls").Select((url, i) => ReadString(url, $"{path}.instanceBaseUrls[{i}]")).ToList()
                : null,
            HomePageRelativeUrl = ReadString(map.GetValueOrDefault("homePageRelativeUrl"), $"{path}.homePageRelativeUrl"),
            StatusPageRelativeUrl = ReadString(map.GetValueOrDefault("statusPageRelativeUrl"), $"{path}.statusPageRelativeUrl"),
            HealthCheckRelativeUrl = ReadString(map.GetValueOrDefault("healthCheckRelativeUrl"), $"{path}.healthCheckRelativeUrl"),
            Routes = routes is null ? null : ReadList(routes, routesPath).Select((route, i) => ReadRoute(route, $"{routesPath}[{i}]")).OfType<StaticRoute>().ToList(),
            ApiInfo = map.TryGetValue("apiInfo", out var apis) && apis is not null
                ? ReadList(apis, $"{path}.apiInfo").Select((api, i) => ReadApiInfo(api, $"{path}.apiInfo[{i}]")).OfType<StaticApiInfo>().ToList()
                : null,
            Authentication = map.TryGetValue("authentication", out var auth) && auth is not null ? ReadAuthentication(auth, $"{path}.authentication") : null,
            CustomMetadata = map.TryGetValue("customMetadata", out var custom) && custom is not null ? ReadMap(custom, $"{path}.customMetadata") : null,
            Mode = mode,
        };
    }

    private StaticRoute? ReadRoute(object? node, string path)
    {
        if (ReadMap(node, path) is not { } map)
        {
            return null;
        }

        ReportUnknown(map, path, "gatewayUrl", "serviceRelativeUrl");
        return new StaticRoute(ReadString(map.GetValueOrDefault("gatewayUrl"), $"{path}.gatewayUrl"), ReadString(map.GetValueOrDefault("serviceRelativeUrl"), $"{path}.serviceRelativeUrl"));
    }

    private StaticApiInfo? ReadApiInfo(object? node, string path)
    {
        if (ReadMap(node, path) is not { } map)
        {
            return null;
        }

        ReportUnknown(map, path, "apiId", "gatewayUrl", "version", "swaggerUrl", "graphqlUrl", "documentationUrl", "defaultApi", "codeSnippet");
        var snippets = new List<Metadata.CodeSnippet>();
        if (map.TryGetValue("codeSnippet", out var snippetNode) && snippetNode is not null)
        {
            foreach (var (snippet, i) in ReadList(snippetNode, $"{path}.codeSnippet").Select((s, i) => (s, i)))
            {
                var snippetPath = $"{path}.codeSnippet[{i}]";
                if (ReadMap(snippet, snippetPath) is { } fields)
                {
                    ReportUnknown(fields, snippetPath, "endpoint", "codeBlock", "language");
                    snippets.Add(new Metadata.CodeSnippet(
                        ReadString(fields.GetValueOrDefault("endpoint"), $"{snippetPath}.endpoint"),
                        ReadString(fields.GetValueOrDefault("codeBlock"), $"{snippetPath}.codeBlock"),
                        ReadString(fields.GetValueOrDefault("language"), $"{snippetPath}.language")));
                }
            }
        }

        return new StaticApiInfo
        {
            ApiId = ReadString(map.GetValueOrDefault("apiId"), $"{path}.apiId"),
            GatewayUrl = ReadString(map.GetValueOrDefault("gatewayUrl"), $"{path}.gatewayUrl"),
            Version = ReadString(map.GetValueOrDefault("version"), $"{path}.version"),
            SwaggerUrl = ReadString(map.GetValueOrDefault("swaggerUrl"), $"{path}.swaggerUrl"),
            GraphqlUrl = ReadString(map.GetValueOrDefault("graphqlUrl"), $"{path}.graphqlUrl"),
            DocumentationUrl = ReadString(map.GetValueOrDefault("documentationUrl"), $"{path}.documentationUrl"),

            // Zowe's StringToBooleanDeserializer is Boolean.parseBoolean: only "true" counts.
            DefaultApi = string.Equals(ReadString(map.GetValueOrDefault("defaultApi"), $"{path}.defaultApi"), "true", StringComparison.OrdinalIgnoreCase),
            CodeSnippets = snippets,
        };
    }

    private StaticAuthentication? ReadAuthentication(object? node, string path)
    {
        if (ReadMap(node, path) is not { } map)
        {
            return null;
        }

        ReportUnknown(map, path, "scheme", "applid", "headers", "supportsSso");
        return new StaticAuthentication(
            ReadString(map.GetValueOrDefault("scheme"), $"{path}.scheme"),
            ReadString(map.GetValueOrDefault("applid"), $"{path}.applid"),
            ReadString(map.GetValueOrDefault("headers"), $"{path}.headers"));
    }

    private CatalogUiTileDefinition? ReadTile(object? node, string path)
    {
        if (ReadMap(node, path) is not { } map)
        {
            return null;
        }

        ReportUnknown(map, path, "title", "description", "version");
        return new CatalogUiTileDefinition(
            ReadString(map.GetValueOrDefault("title"), $"{path}.title"),
            ReadString(map.GetValueOrDefault("description"), $"{path}.description"),
            ReadString(map.GetValueOrDefault("version"), $"{path}.version"));
    }

    private void ReportUnknown(Dictionary<string, object?> map, string path, params string[] known)
    {
        foreach (var key in map.Keys.Where(key => !known.Contains(key, StringComparer.Ordinal)))
        {
            errors.Add($"{path}.{key}: unknown key; ignored");
        }
    }

    private Dictionary<string, object?>? ReadMap(object? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case Dictionary<string, object?> map:
                return map;
            default:
                errors.Add($"{path}: expected a mapping; ignored");
                return null;
        }
    }

    private List<object?> ReadList(object? node, string path)
    {
        switch (node)
        {
            case null:
                return [];
            case List<object?> list:
                return list;
            default:
                errors.Add($"{path}: expected a list; ignored");
                return [];
        }
    }

    private string? ReadString(object? node, string path)
    {
        switch (node)
        {
            case null or string:
                return (string?)node;
            default:
                errors.Add($"{path}: expected a single value; ignored");
                return null;
        }
    }
}
