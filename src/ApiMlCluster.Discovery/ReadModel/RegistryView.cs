using System.Collections.Immutable;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.ReadModel;

/// <summary>
/// This node's copy of the whole registry at one moment: immutable, so request threads read it without locks
/// while <see cref="RegistrySnapshot"/> swaps in the next one. Services whose last instance left stay here with
/// no instances for a while, so that a late, older copy cannot bring them back.
/// </summary>
public sealed class RegistryView
{
    public static readonly RegistryView Empty = new(0, ImmutableSortedDictionary<string, RegisteredService>.Empty.WithComparers(StringComparer.Ordinal));

    internal RegistryView(long changeCount, ImmutableSortedDictionary<string, RegisteredService> services)
    {
        ChangeCount = changeCount;
        Services = services;
    }

    /// <summary>Changes applied at this node since it started (Eureka's <c>versions__delta</c>).</summary>
    public long ChangeCount { get; }

    /// <summary>Every service by upper-case app name, including ones that have just lost their last instance.</summary>
    public ImmutableSortedDictionary<string, RegisteredService> Services { get; }

    /// <summary>Services that have at least one instance, in app-name order.</summary>
    public IEnumerable<RegisteredService> Registered => Services.Values.Where(s => s.Instances.Count > 0);

    public int InstanceCount => Services.Values.Sum(s => s.Instances.Count);

    public RegisteredService? Find(string serviceId) =>
        Services.TryGetValue(serviceId.ToUpperInvariant(), out var service) && service.Instances.Count > 0 ? service : null;

    public InstanceInfo? FindInstance(string instanceId)
    {
        foreach (var service in Services.Values)
        {
            if (service.Instances.TryGetValue(instanceId, out var instance))
            {
                return instance;
            }
        }

        return null;
    }
}
