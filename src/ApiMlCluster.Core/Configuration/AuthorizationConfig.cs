using System.Globalization;

namespace ApiMlCluster.Core.Configuration;

/// <summary>Reads <see cref="AuthorizationSettings"/> from <c>components.gateway.apiml.security.authorization</c>.</summary>
internal static class AuthorizationConfig
{
    public static readonly string[] Levels = ["READ", "UPDATE", "CONTROL", "ALTER"];

    private const string Key = AuthorizationSettings.Key;

    public static AuthorizationSettings Read(ConfigReader reader, string configDir, string workspace)
    {
        var endpointEnabled = reader.Bool($"{Key}.endpoint.enabled", false);
        // Zowe picks the endpoint provider first when it is enabled and no provider is named.
        var provider = reader.String($"{Key}.provider") is null && endpointEnabled
            ? "endpoint"
            : reader.Choice($"{Key}.provider", "dummy", ("dummy", "dummy"), ("file", "file"), ("endpoint", "endpoint"));

        return new AuthorizationSettings
        {
            Provider = provider,
            DummyFile = Resolve(configDir, reader.String($"{Key}.dummy.file", Path.Combine(workspace, "saf.yml"))),
            RulesFile = Resolve(configDir, reader.String($"{Key}.file.path", Path.Combine(workspace, "authorization.yaml"))),
            ResourceClass = reader.String($"{Key}.resourceClass", "ZOWE"),
            ResourceNamePrefix = reader.String($"{Key}.resourceNamePrefix", "APIML."),
            Endpoint = provider == "endpoint" ? ReadEndpoint(reader, endpointEnabled) : null,
            Routes = ReadRoutes(reader),
        };
    }

    private static AuthorizationEndpointSettings ReadEndpoint(ConfigReader reader, bool enabled)
    {
        if (!enabled && reader.String($"{Key}.endpoint.enabled") is not null)
        {
            throw new ConfigException(reader.KeyName($"{Key}.endpoint.enabled"), "is false, but authorization.provider is endpoint");
        }

        var text = reader.String($"{Key}.endpoint.url")
            ?? throw new ConfigException(reader.KeyName($"{Key}.endpoint.url"), "required when the authorization provider is endpoint");
        if (!Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new ConfigException(reader.KeyName($"{Key}.endpoint.url"), $"'{text}' is not an http(s) URL");
        }

        return new AuthorizationEndpointSettings(
            url,
            TimeSpan.FromMilliseconds(reader.Integer($"{Key}.endpoint.timeout", 5000, 100, 600_000)),
            TimeSpan.FromMilliseconds(reader.Integer($"{Key}.endpoint.cacheTtl", 10_000, 0, 3_600_000)),
            reader.Integer($"{Key}.endpoint.cacheSize", 10_000, 1, 1_000_000));
    }

    private static List<RouteResourceCheck> ReadRoutes(ConfigReader reader)
    {
        var path = $"{Key}.routes";
        var routes = new List<RouteResourceCheck>();
        switch (reader.Merged.Find(path))
        {
            case null:
                return routes;
            case List<object?> items:
                for (var i = 0; i < items.Count; i++)
                {
                    var entry = string.Create(CultureInfo.InvariantCulture, $"{reader.KeyName(path)}[{i}]");
                    if (items[i] is not ConfigMap map)
                    {
                        throw new ConfigException(entry, "expected a mapping with serviceId, resourceClass, resourceName and accessLevel");
                    }

                    routes.Add(ReadRoute(map, entry));
                }

                return routes;
            default:
                throw new ConfigException(reader.KeyName(path), "expected a list of route checks");
        }
    }

    private static RouteResourceCheck ReadRoute(ConfigMap map, string entry)
    {
        string? Field(string name, bool required)
        {
            var value = map.TryGetValue(name, out var v) ? v : null;
            return value switch
            {
                null when required => throw new ConfigException($"{entry}.{name}", "required"),
                null => null,
                string { Length: > 0 } s => s.Trim(),
                string => required ? throw new ConfigException($"{entry}.{name}", "must not be empty") : null,
                _ => throw new ConfigException($"{entry}.{name}", "expected a single value"),
            };
        }

        foreach (var name in map.Keys)
        {
            if (name is not ("serviceId" or "path" or "resourceClass" or "resourceName" or "accessLevel"))
            {
                throw new ConfigException($"{entry}.{name}", "unknown key (allowed: serviceId, path, resourceClass, resourceName, accessLevel)");
            }
        }

        var level = Field("accessLevel", required: false)?.ToUpperInvariant() ?? "READ";
        if (!Levels.Contains(level))
        {
            throw new ConfigException($"{entry}.accessLevel", $"'{level}' is not READ, UPDATE, CONTROL or ALTER");
        }

        var serviceId = Field("serviceId", required: true)!;
        if (serviceId.Contains('/', StringComparison.Ordinal))
        {
            throw new ConfigException($"{entry}.serviceId", $"'{serviceId}' is not a service id");
        }

        var prefix = Field("path", required: false)?.Trim('/');
        return new RouteResourceCheck(
            serviceId.ToLowerInvariant(),
            string.IsNullOrEmpty(prefix) ? null : prefix,
            Field("resourceClass", required: true)!,
            Field("resourceName", required: true)!,
            level);
    }

    private static string Resolve(string configDir, string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(configDir, path));
}
