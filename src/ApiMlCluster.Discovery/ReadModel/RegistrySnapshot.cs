using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.ReadModel;

/// <summary>
/// Holds this node's current <see cref="RegistryView"/>. Writers (the replica, and a request handler applying
/// its own acknowledged change for read-your-writes) serialize on a lock; readers take <see cref="Current"/>
/// and never wait. Keeps recent changes for Eureka's delta endpoint.
/// </summary>
public sealed class RegistrySnapshot(TimeProvider clock, TimeSpan deltaRetention)
{
    private readonly Lock gate = new();
    private readonly Queue<DeltaEntry> recent = new();
    private volatile RegistryView current = RegistryView.Empty;
    private volatile bool ready;

    public RegistrySnapshot(TimeProvider clock)
        : this(clock, new RegistrySettings().DeltaRetention)
    {
    }

    public RegistryView Current => current;

    /// <summary>True once this node has loaded the registry from a peer (or found none to ask).</summary>
    public bool IsReady => ready;

    /// <summary>Raised after each change, outside the lock, with the new view.</summary>
    public event Action<RegistryView>? Changed;

    public void MarkReady() => ready = true;

    /// <summary>Applies one change; false when it does not follow the held version (a change was missed).</summary>
    internal bool Apply(InstanceChanged change)
    {
        RegistryView next;
        lock (gate)
        {
            var view = current;
            var service = view.Services.GetValueOrDefault(change.App) ?? RegisteredService.Empty(change.App);
            if (change.Version <= service.Version)
            {
                return true;
            }

            if (change.Version != service.Version + 1)
            {
                return false;
            }

            var instances = service.Instances;
            var now = Now();
            if (change.Upserted is { } upserted)
            {
                Record(now, upserted, instances.ContainsKey(upserted.InstanceId) ? DeltaEntry.Modified : DeltaEntry.Added);
                instances = instances.SetItem(upserted.InstanceId, upserted);
            }
            else if (change.RemovedId is { } removedId && instances.TryGetValue(removedId, out var removed))
            {
                Record(now, removed, DeltaEntry.Deleted);
                instances = instances.Remove(removedId);
            }

            next = Publish(view, service with { Version = change.Version, Instances = instances });
        }

        Changed?.Invoke(next);
        return true;
    }

    /// <summary>Replaces a service with a whole copy, unless the held one is as new or newer.</summary>
    internal bool Replace(RegisteredService replacement)
    {
        RegistryView next;
        lock (gate)
        {
            var view = current;
            var service = view.Services.GetValueOrDefault(replacement.App) ?? RegisteredService.Empty(replacement.App);
            if (replacement.Version <= service.Version)
            {
                return false;
            }

            var now = Now();
            foreach (var (id, instance) in replacement.Instances)
            {
                if (!service.Instances.TryGetValue(id, out var old))
                {
                    Record(now, instance, DeltaEntry.Added);
                }
                else if (!ReferenceEquals(old, instance) && old != instance)
                {
                    Record(now, instance, DeltaEntry.Modified);
                }
            }

            foreach (var (id, old) in service.Instances)
            {
                if (!replacement.Instances.ContainsKey(id))
                {
                    Record(now, old, DeltaEntry.Deleted);
                }
            }

            next = Publish(view, replacement);
        }

        Changed?.Invoke(next);
        return true;
    }

    /// <summary>Drops services that have no instances; the replica calls this once they have been empty long enough that no older copy is still in flight.</summary>
    internal void Forget(IReadOnlyCollection<string> apps)
    {
        lock (gate)
        {
            current = current.WithoutEmpty(apps);
        }
    }

    /// <summary>Changes within the retention window, oldest first.</summary>
    public IReadOnlyList<DeltaEntry> RecentChanges()
    {
        lock (gate)
        {
            Expire(Now());
            return [.. recent];
        }
    }

    private RegistryView Publish(RegistryView view, RegisteredService service)
    {
        var next = view.With(service);
        current = next;
        return next;
    }

    private void Record(long now, InstanceInfo instance, string action)
    {
        Expire(now);
        recent.Enqueue(new DeltaEntry(now, instance, action));
    }

    private void Expire(long now)
    {
        var cutoff = now - (long)deltaRetention.TotalMilliseconds;
        while (recent.TryPeek(out var oldest) && oldest.AtMilliseconds < cutoff)
        {
            recent.Dequeue();
        }
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
