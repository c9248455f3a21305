using System.Collections.Concurrent;
using ApiMlCluster.Gateway.Routing;

namespace ApiMlCluster.Gateway.LoadBalancing;

/// <summary>
/// Picks the instance for a request: the one named by <c>X-InstanceId</c> (Zowe's deterministic routing), else
/// round robin over the service's UP instances, as Spring Cloud LoadBalancer does for Zowe v3.
/// </summary>
internal sealed class InstanceChooser
{
    public const string InstanceIdHeader = "X-InstanceId";

    private readonly ConcurrentDictionary<string, StrongBox> counters = new(StringComparer.Ordinal);

    public InstanceChoice Choose(ServiceRoutes service, string? requestedInstanceId)
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

        var counter = counters.GetOrAdd(service.ServiceId, _ => new StrongBox());
        var next = (uint)Interlocked.Increment(ref counter.Value);
        return new InstanceChoice(instances[(int)(next % (uint)instances.Length)], InstanceChoiceProblem.None);
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}

internal sealed record InstanceChoice(RoutedInstance? Instance, InstanceChoiceProblem Problem);

internal enum InstanceChoiceProblem
{
    None,
    NoInstance,
    UnknownInstance,
}
