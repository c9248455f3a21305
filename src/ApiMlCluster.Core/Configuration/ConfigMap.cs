namespace ApiMlCluster.Core.Configuration;

/// <summary>A YAML mapping that keeps the document's key order (seed-node order depends on it).</summary>
internal sealed class ConfigMap : OrderedDictionary<string, object?>
{
    public ConfigMap()
    {
    }

    public ConfigMap(IEnumerable<KeyValuePair<string, object?>> entries)
        : base(entries)
    {
    }

    /// <summary>Follows a dotted path through nested maps; null when any step is missing.</summary>
    public object? Find(string dottedPath)
    {
        object? current = this;
        foreach (var segment in dottedPath.Split('.'))
        {
            if (current is not ConfigMap map || !map.TryGetValue(segment, out current))
            {
                return null;
            }
        }

        return current;
    }
}
