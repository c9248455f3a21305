using System.Net;
using System.Net.Sockets;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// Loads Zowe static API definition files (<c>ZWE_STATIC_DEFINITIONS_DIR</c>): every <c>*.yml</c> and <c>*.yaml</c> in
/// each directory, in name order, so reloads are reproducible and a later file predictably wins a duplicate.
/// </summary>
internal static class StaticDefinitionLoader
{
    /// <summary>Real definitions are a few kilobytes; anything this large is refused unread.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <param name="directories">One directory, or several separated by <c>;</c> as in <c>ZWE_STATIC_DEFINITIONS_DIR</c>.</param>
    /// <param name="resolveAddress">Host name to IP address, null when unknown. Defaults to DNS, as Zowe does.</param>
    public static StaticDefinitionSet Load(string directories, Func<string, string?>? resolveAddress = null)
    {
        var resolver = resolveAddress ?? ResolveWithDns;
        var errors = new List<string>();
        var files = new List<string>();
        var instances = new List<InstanceInfo>();
        var additional = new Dictionary<string, AdditionalServiceMetadata>(StringComparer.OrdinalIgnoreCase);

        foreach (var directory in directories.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Directory.Exists(directory))
            {
                errors.Add($"{directory}: the static definitions directory does not exist or is not a directory");
                continue;
            }

            string[] names;
            try
            {
                names = [.. Directory.EnumerateFiles(directory)
                    .Where(path => path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{directory}: the static definitions directory cannot be read: {e.Message}");
                continue;
            }

            foreach (var path in names)
            {
                files.Add(path);
                if (ReadFile(path, errors) is { } document)
                {
                    AddInstances(path, document, resolver, instances, errors);
                    AddAdditionalMetadata(path, document, additional, errors);
                }
            }
        }

        return new StaticDefinitionSet(instances, additional, errors, files);
    }

    private static StaticDefinitionDocument? ReadFile(string path, List<string> errors)
    {
        string text;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                errors.Add($"{path}: the file has {length} bytes, more than the {MaxFileBytes} allowed; not loaded");
                return null;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{path}: the file cannot be read: {e.Message}");
            return null;
        }

        if (!SafeYamlReader.TryRead(text, out var root, out var error))
        {
            errors.Add($"{path}: {error}; not loaded");
            return null;
        }

        var problems = new List<string>();
        var document = StaticDefinitionReader.Read(root, problems);
        errors.AddRange(problems.Select(problem => $"{path}: {problem}"));
        return document;
    }

    private static void AddInstances(string path, StaticDefinitionDocument document, Func<string, string?> resolver, List<InstanceInfo> instances, List<string> errors)
    {
        foreach (var service in document.Services)
        {
            foreach (var instance in StaticInstanceBuilder.Build(path, service, document.CatalogUiTiles, resolver, errors))
            {
                var earlier = instances.FindIndex(existing => existing.InstanceId == instance.InstanceId);
                if (earlier >= 0)
                {
                    // Registering the same id twice replaces the first registration in Eureka; say so instead.
                    errors.Add($"{path}: service '{service.ServiceId}': instance {instance.InstanceId} is defined more than once; the later definition is used");
                    instances.RemoveAt(earlier);
                }

                instances.Add(instance);
            }
        }
    }

    private static void AddAdditionalMetadata(string path, StaticDefinitionDocument document, Dictionary<string, AdditionalServiceMetadata> additional, List<string> errors)
    {
        foreach (var entry in document.AdditionalServiceMetadata)
        {
            if (string.IsNullOrWhiteSpace(entry.ServiceId))
            {
                errors.Add($"{path}: an additionalServiceMetadata entry has no serviceId; skipped");
                continue;
            }

            var problems = new List<string>();
            if (!StaticMetadataBuilder.TryBuild(entry, basePath: null, tile: null, problems, out var metadata, out var error))
            {
                errors.Add($"{path}: additional metadata of '{entry.ServiceId}': {error}; skipped");
                continue;
            }

            errors.AddRange(problems.Select(problem => $"{path}: additional metadata of '{entry.ServiceId}': {problem}"));
            if (additional.ContainsKey(entry.ServiceId))
            {
                errors.Add($"{path}: additional metadata of '{entry.ServiceId}' is defined more than once; the later definition is used");
            }

            additional[entry.ServiceId] = new AdditionalServiceMetadata(entry.ServiceId, entry.Mode, metadata);
        }
    }

    private static string? ResolveWithDns(string host)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var address))
        {
            return address.ToString();
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            var preferred = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return preferred?.ToString();
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return null;
        }
    }
}
