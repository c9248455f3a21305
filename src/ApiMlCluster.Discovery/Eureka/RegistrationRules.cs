using System.Text.RegularExpressions;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>What a registration must satisfy before it reaches the registry; a violation is a 400 naming the field.</summary>
internal static partial class RegistrationRules
{
    public const int MaxBodyBytes = 256 * 1024;
    public const int MaxMetadataEntries = 512;
    public const int MaxMetadataKeyLength = 256;

    /// <summary>All keys and values of one instance together; keeps one instance well inside a cluster message.</summary>
    public const int MaxMetadataCharacters = 64 * 1024;

    public const int MaxUrlLength = 2048;

    public static bool IsValidApp(string app) => AppName().IsMatch(app);

    /// <summary>Null when <paramref name="instance"/> may be registered under <paramref name="pathApp"/>; otherwise the reason.</summary>
    public static string? Check(string pathApp, InstanceInfo instance)
    {
        if (!string.Equals(instance.App, pathApp, StringComparison.OrdinalIgnoreCase))
        {
            return $"the app '{instance.App}' in the body differs from '{pathApp}' in the path";
        }

        if (instance.IsStatic)
        {
            return $"instanceId prefix '{InstanceIds.StaticPrefix}' is reserved for static definitions";
        }

        if (!InstanceIds.TryParse(instance.InstanceId, out _, out var serviceId, out _, out var problem))
        {
            return problem;
        }

        if (!string.Equals(serviceId, pathApp, StringComparison.OrdinalIgnoreCase))
        {
            return $"the service id '{serviceId}' in instanceId '{instance.InstanceId}' differs from the app '{pathApp}'";
        }

        if (instance.HostName.Length is 0 or > 255)
        {
            return "hostName must have 1 to 255 characters";
        }

        foreach (var (name, url) in new[] { ("homePageUrl", instance.HomePageUrl), ("statusPageUrl", instance.StatusPageUrl), ("healthCheckUrl", instance.HealthCheckUrl), ("secureHealthCheckUrl", instance.SecureHealthCheckUrl) })
        {
            if (url?.Length > MaxUrlLength)
            {
                return $"{name} is longer than {MaxUrlLength} characters";
            }
        }

        return CheckMetadata(instance.Metadata);
    }

    /// <summary>Null when <paramref name="metadata"/> is within the limits of one instance; otherwise the reason.</summary>
    public static string? CheckMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count > MaxMetadataEntries)
        {
            return $"metadata has {metadata.Count} entries; at most {MaxMetadataEntries} are allowed";
        }

        var characters = 0;
        foreach (var (key, value) in metadata)
        {
            if (key.Length is 0 or > MaxMetadataKeyLength)
            {
                return $"metadata key '{Shorten(key)}' must have 1 to {MaxMetadataKeyLength} characters";
            }

            characters += key.Length + value.Length;
        }

        return characters > MaxMetadataCharacters
            ? $"metadata has {characters} characters; at most {MaxMetadataCharacters} are allowed"
            : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex AppName();
}
