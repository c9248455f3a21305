using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// Reads one YAML document into plain nodes: <c>Dictionary&lt;string, object?&gt;</c> for mappings, <c>List&lt;object?&gt;</c>
/// for sequences, <c>string</c> for scalars and null for empty values. Static definition files are written by
/// operators and extension installers, so the reader refuses what could exhaust the process: aliases (a few lines
/// can expand to billions of nodes), deep nesting (recursion) and more nodes than any real definition has.
/// </summary>
internal static class SafeYamlReader
{
    public const int MaxDepth = 64;
    public const int MaxNodes = 100_000;

    public static bool TryRead(string text, out object? root, out string? error)
    {
        root = null;
        try
        {
            error = Prescan(text);
            if (error is not null)
            {
                return false;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 1)
            {
                error = "the file holds more than one YAML document";
                return false;
            }

            root = stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
            return true;
        }
        catch (YamlException e)
        {
            error = $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}";
            return false;
        }
    }

    // The event parser is iterative, so this pass is safe on any input and lets the tree builder assume sane shapes.
    private static string? Prescan(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var nodes = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    return $"YAML aliases are not supported (line {alias.Start.Line})";
                case MappingStart or SequenceStart:
                    if (++depth > MaxDepth)
                    {
                        return $"nesting deeper than {MaxDepth} levels (line {parser.Current.Start.Line})";
                    }

                    nodes++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case Scalar:
                    nodes++;
                    break;
            }

            if (nodes > MaxNodes)
            {
                return $"more than {MaxNodes} YAML nodes";
            }
        }

        return null;
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => null,
    };

    private static Dictionary<string, object?> ConvertMapping(YamlMappingNode mapping)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new YamlException(keyNode.Start, keyNode.End, "mapping keys must be plain strings");
            }

            if (!map.TryAdd(key, Convert(valueNode)))
            {
                throw new YamlException(keyNode.Start, keyNode.End, $"the key '{key}' appears twice");
            }
        }

        return map;
    }

    private static string? ConvertScalar(YamlScalarNode scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return scalar.Value ?? string.Empty;
        }

        // Plain YAML booleans become the text Java's Boolean.toString gives, which is what Zowe stores in metadata.
        return scalar.Value switch
        {
            null or "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => "true",
            "false" or "False" or "FALSE" => "false",
            var value => value,
        };
    }
}
