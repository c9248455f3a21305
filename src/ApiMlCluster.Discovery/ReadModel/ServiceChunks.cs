using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.ReadModel;

/// <summary>Cuts a service's instances into <see cref="ServiceChunk"/>s of roughly a given size.</summary>
internal static class ServiceChunks
{
    public static IEnumerable<ServiceChunk> Of(string app, long version, IReadOnlyCollection<InstanceInfo> instances, int chunkBytes)
    {
        if (instances.Count == 0)
        {
            yield return new ServiceChunk(app, version, [], Last: true);
            yield break;
        }

        var current = new List<InstanceInfo>();
        var bytes = 0;
        var sent = 0;
        foreach (var instance in instances)
        {
            var size = EstimatedBytes(instance);
            if (current.Count > 0 && bytes + size > chunkBytes)
            {
                sent += current.Count;
                yield return new ServiceChunk(app, version, [.. current], Last: false);
                current.Clear();
                bytes = 0;
            }

            current.Add(instance);
            bytes += size;
        }

        yield return new ServiceChunk(app, version, [.. current], Last: true);
    }

    /// <summary>A generous estimate of an instance's JSON size: the fixed fields plus every metadata key and value.</summary>
    public static int EstimatedBytes(InstanceInfo instance)
    {
        var size = 1024 + instance.InstanceId.Length + instance.HostName.Length
            + (instance.HomePageUrl?.Length ?? 0) + (instance.StatusPageUrl?.Length ?? 0)
            + (instance.HealthCheckUrl?.Length ?? 0) + (instance.SecureHealthCheckUrl?.Length ?? 0);
        foreach (var (key, value) in instance.Metadata)
        {
            // JSON escaping can at most sextuple a character; ordinary metadata is close to 1:1.
            size += 8 + key.Length + value.Length + (value.Length / 8);
        }

        return size;
    }
}
