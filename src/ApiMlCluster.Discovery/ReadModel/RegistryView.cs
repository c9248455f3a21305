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
    public static readonly RegistryView Empty = new(
        0,
        ImmutableSortedDictionary<string, RegisteredService>.Empty.WithComparers(StringComparer.Ordinal),
        0,
        0,
        ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase));

    private readonly ImmutableDictionary<string, int> heldBy;

    private RegistryView(long changeCount, ImmutableSortedDictionary<string, RegisteredService> services, int registeredCount, int instanceCount, ImmutableDictionary<string, int> heldBy)
    {
        ChangeCount = changeCount;
        Services = services;
        RegisteredCount = registeredCount;
        InstanceCount = instanceCount;
        this.heldBy = heldBy;
    }

    /// <summary>Changes applied at this node since it started (Eureka's <c>versions__delta</c>).</summary>
    public long ChangeCount { get; }

    /// <summary>Every service by upper-case app name, including ones that have just lost their last instance.</summary>
    public ImmutableSortedDictionary<string, RegisteredService> Services { get; }

    /// <summary>Services that have at least one instance, in app-name order.</summary>
    public IEnumerable<RegisteredService> Registered => Services.Values.Where(s => s.Instances.Count > 0);

    /// <summary>How many services have at least one instance.</summary>
    public int RegisteredCount { get; }

    public int InstanceCount { get; }

    /// <summary>Instances registered with the certificate whose subject is <paramref name="subject"/> (any case).</summary>
    public int InstancesHeldBy(string subject) => heldBy.GetValueOrDefault(subject);

    /// <summary>
    /// The next view, with <paramref name="service"/> in place of the held copy. The counts the registration quotas
    /// read on every registration are carried over and adjusted by this service's difference, not recounted over
    /// the whole registry.
    /// </summary>
    internal RegistryView With(RegisteredService service)
    {
        var old = Services.GetValueOrDefault(service.App);
        var oldCount = old?.Instances.Count ?? 0;
        var held = heldBy.ToBuilder();
        foreach (var instance in old?.Instances.Values ?? [])
        {
            Count(held, instance.RegisteredBy, -1);
        }

        foreach (var instance in service.Instances.Values)
        {
            Count(held, instance.RegisteredBy, +1);
        }

        return new RegistryView(
            ChangeCount + 1,
            Services.SetItem(service.App, service),
            RegisteredCount + (service.Instances.Count > 0 ? 1 : 0) - (oldCount > 0 ? 1 : 0),
            InstanceCount + service.Instances.Count - oldCount,
            held.ToImmutable());
    }

    /// <summary>This view without the named services that have no instances (nothing counted changes).</summary>
    internal RegistryView WithoutEmpty(IEnumerable<string> apps) =>
        new(ChangeCount, Services.RemoveRange(apps.Where(a => Services.TryGetValue(a, out var s) && s.Instances.Count == 0)), RegisteredCount, InstanceCount, heldBy);

    private static void Count(ImmutableDictionary<string, int>.Builder held, string? owner, int by)
    {
        if (owner is null)
        {
            return;
        }

        var count = held.GetValueOrDefault(owner) + by;
        if (count == 0)
        {
            held.Remove(owner);
        }
        else
        {
            held[owner] = count;
        }
    }

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
