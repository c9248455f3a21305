using System.Globalization;

namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// Typed reads from a merged config tree. Errors name the key where the operator wrote the value:
/// <c>haInstances.&lt;id&gt;.&lt;path&gt;</c> when the instance block set it, the plain path otherwise.
/// </summary>
internal sealed class ConfigReader(ConfigMap merged, ConfigMap? instanceOverrides, string? instanceKey)
{
    public ConfigMap Merged => merged;

    public string KeyName(string path) =>
        instanceOverrides?.Find(path) is not null ? $"haInstances.{instanceKey}.{path}" : path;

    public string? String(string path)
    {
        return merged.Find(path) switch
        {
            null => null,
            string s => s,
            _ => throw new ConfigException(KeyName(path), "expected a single value, found a list or a mapping"),
        };
    }

    public string String(string path, string fallback) => String(path) is { Length: > 0 } s ? s : fallback;

    public bool Bool(string path, bool fallback) => String(path)?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw new ConfigException(KeyName(path), $"expected true or false, found '{other}'"),
    };

    public int Port(string path, int fallback)
    {
        var text = String(path);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ConfigException(KeyName(path), $"expected a TCP port between 1 and 65535, found '{text}'");
        }

        return port;
    }

    public int Seconds(string path, int fallback)
    {
        var text = String(path);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
        {
            throw new ConfigException(KeyName(path), $"expected a whole number of seconds above 0, found '{text}'");
        }

        return seconds;
    }

    public int Integer(string path, int fallback, int min, int max)
    {
        var text = String(path);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ConfigException(KeyName(path), $"expected a whole number between {min} and {max}, found '{text}'");
        }

        return value;
    }

    /// <summary>A list, a single value, or a comma-separated value (Zowe accepts all three for domain and CA lists).</summary>
    public IReadOnlyList<string> List(string path) => ListOf(merged.Find(path), KeyName(path));

    /// <summary>
    /// A mapping whose keys are data (service ids, which may contain dots) rather than config paths, each to a
    /// list as <see cref="List"/> reads it. Empty when absent.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ListMap(string path) => merged.Find(path) switch
    {
        null => new Dictionary<string, IReadOnlyList<string>>(),
        ConfigMap map => map.ToDictionary(e => e.Key, e => ListOf(e.Value, $"{KeyName(path)}.{e.Key}"), StringComparer.Ordinal),
        _ => throw new ConfigException(KeyName(path), "expected a mapping of names to lists"),
    };

    private static IReadOnlyList<string> ListOf(object? value, string keyName) => value switch
    {
        null => [],
        string s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        List<object?> items => items.Select((item, i) => item as string
            ?? throw new ConfigException($"{keyName}[{i}]", "expected a plain value")).ToList(),
        _ => throw new ConfigException(keyName, "expected a list"),
    };

    public TEnum Choice<TEnum>(string path, TEnum fallback, params (string Name, TEnum Value)[] choices)
    {
        var text = String(path);
        if (text is null)
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var allowed = string.Join(", ", choices.Select(c => c.Name));
        throw new ConfigException(KeyName(path), $"unknown value '{text}' (allowed: {allowed})");
    }
}
