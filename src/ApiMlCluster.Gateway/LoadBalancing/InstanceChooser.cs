using System.Collections.Concurrent;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.Routing;

namespace ApiMlCluster.Gateway.LoadBalancing;

/// <summary>
/// Picks the instance for a request: the one named by <c>X-InstanceId</c> (Zowe's deterministic routing), else
/// round robin over the service's UP instances, as Spring Cloud LoadBalancer does for Zowe v3, skipping instances
/// that this node's passive health has marked down and those a retry already tried. An instance whose probation
/// has passed gets the next request as its trial. When every remaining instance is marked, they are tried anyway:
/// a mark is a guess made seconds ago, and a 503 without trying would turn a flapping network into an outage.
/// </summary>
internal sealed class InstanceChooser(InstanceHealth health)
{
    public const string InstanceIdHeader = "X-InstanceId";

    private readonly ConcurrentDictionary<string, StrongBox> counters = new(StringComparer.Ordinal);

    public InstanceChoice Choose(ServiceRoutes service, string? requestedInstanceId, IReadOnlyCollection<string>? tried = null)
    {
        var instances = service.Instances;
        if (!string.IsNullOrEmpty(requestedInstanceId))
        {
            foreach (var instance in instances)
            {
                if (string.Equals(instance.InstanceId, requestedInstanceId, StringComparison.Ordinal))
                {
                    return new InstanceChoice(instance, InstanceChoiceProblem.None);
                }
            }

            return new InstanceChoice(null, InstanceChoiceProblem.UnknownInstance);
        }

        if (instances.Length == 0)
        {
            return new InstanceChoice(null, InstanceChoiceProblem.NoInstance);
        }

        if (health.Count == 0 && (tried is null || tried.Count == 0))
        {
            return new InstanceChoice(instances[Next(service.ServiceId, instances.Length)], InstanceChoiceProblem.None);
        }

        var candidates = new List<RoutedInstance>(instances.Length);
        var healthy = new List<RoutedInstance>(instances.Length);
        foreach (var instance in instances)
        {
            if (tried is not null && tried.Contains(instance.InstanceId))
            {
                continue;
            }

            candidates.Add(instance);
            switch (health.StateOf(instance))
            {
                case InstanceState.Healthy:
                    healthy.Add(instance);
                    break;
                case InstanceState.TrialDue when health.TryClaimTrial(instance):
                    return new InstanceChoice(instance, InstanceChoiceProblem.None, Trial: true);
            }
        }

        var pool = healthy.Count > 0 ? healthy : candidates;
        return pool.Count == 0
            ? new InstanceChoice(null, InstanceChoiceProblem.NoInstance)
            : new InstanceChoice(pool[Next(service.ServiceId, pool.Count)], InstanceChoiceProblem.None);
    }

    private int Next(string serviceId, int count)
    {
        var counter = counters.GetOrAdd(serviceId, _ => new StrongBox());
        var next = (uint)Interlocked.Increment(ref counter.Value);
        return (int)(next % (uint)count);
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}

/// <summary>The chosen instance, or why there is none. <paramref name="Trial"/>: the half-open request of a marked instance.</summary>
internal readonly record struct InstanceChoice(RoutedInstance? Instance, InstanceChoiceProblem Problem, bool Trial = false);

internal enum InstanceChoiceProblem
{
    None,
    NoInstance,
    UnknownInstance,
}
