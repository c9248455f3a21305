namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// Zowe's merge of an <c>haInstances.&lt;id&gt;</c> block over the top-level configuration:
/// maps merge key by key, everything else (scalars and whole arrays) is replaced by the override.
/// An explicit null in the override leaves the default in place, as an empty YAML value means "not set".
/// </summary>
internal static class ConfigMerge
{
    public static ConfigMap DeepMerge(ConfigMap defaults, ConfigMap overrides)
    {
        var merged = new ConfigMap(defaults.Select(e => KeyValuePair.Create(e.Key, Clone(e.Value))));
        foreach (var (key, value) in overrides)
        {
            if (value is null)
            {
                continue;
            }

            merged[key] = merged.TryGetValue(key, out var existing) && existing is ConfigMap baseMap && value is ConfigMap overrideMap
                ? DeepMerge(baseMap, overrideMap)
                : Clone(value);
        }

        return merged;
    }

    private static object? Clone(object? value) => value switch
    {
        ConfigMap map => new ConfigMap(map.Select(e => KeyValuePair.Create(e.Key, Clone(e.Value)))),
        List<object?> list => list.Select(Clone).ToList(),
        _ => value,
    };
}
