using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// zowe.yaml as plain, order-preserving nodes: <see cref="ConfigMap"/> for mappings,
/// <c>List&lt;object?&gt;</c> for sequences, <c>string</c> for scalars and <c>null</c> for empty values.
/// Scalars stay strings so that every typed read can name the key when a value is malformed.
/// </summary>
internal static class YamlTree
{
    public static ConfigMap Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException(source, $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            return new ConfigMap();
        }

        return Convert(stream.Documents[0].RootNode, source) switch
        {
            ConfigMap map => map,
            null => new ConfigMap(),
            _ => throw new ConfigException(source, "the document must be a mapping of keys to values"),
        };
    }

    private static object? Convert(YamlNode node, string path) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping, path),
        YamlSequenceNode sequence => sequence.Children.Select((child, i) => Convert(child, $"{path}[{i}]")).ToList(),
        YamlScalarNode scalar => IsNull(scalar) ? null : scalar.Value,
        _ => throw new ConfigException(path, "YAML aliases and tags are not supported here"),
    };

    private static ConfigMap ConvertMapping(YamlMappingNode mapping, string path)
    {
        var map = new ConfigMap();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new ConfigException(path, "mapping keys must be plain strings");
            }

            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!map.TryAdd(key, Convert(valueNode, childPath)))
            {
                throw new ConfigException(childPath, "the key appears twice");
            }
        }

        return map;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
