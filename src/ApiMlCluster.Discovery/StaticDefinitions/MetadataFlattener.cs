namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// <c>customMetadata</c> to flat metadata, as Zowe's <c>MapUtils.flattenMap</c>: nested mappings join their keys with
/// dots, an empty value becomes <c>""</c>, and a list is an error because metadata values are single strings.
/// </summary>
internal static class MetadataFlattener
{
    public static bool TryFlatten(IReadOnlyDictionary<string, object?> map, IDictionary<string, string> into, out string? error)
    {
        foreach (var (key, value) in map)
        {
            if (!TryFlatten(key, value, into, out error))
            {
                return false;
            }
        }

        error = null;
        return true;
    }

    private static bool TryFlatten(string key, object? value, IDictionary<string, string> into, out string? error)
    {
        error = null;
        switch (value)
        {
            case null:
                into[key] = string.Empty;
                return true;
            case string text:
                into[key] = text;
                return true;
            case Dictionary<string, object?> nested:
                foreach (var (childKey, childValue) in nested)
                {
                    if (!TryFlatten($"{key}.{childKey}", childValue, into, out error))
                    {
                        return false;
                    }
                }

                return true;
            default:
                error = $"customMetadata.{key}: lists are not supported in metadata";
                return false;
        }
    }
}
