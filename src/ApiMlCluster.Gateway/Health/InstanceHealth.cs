using System.Collections.Immutable;
using ApiMlCluster.Gateway.Routing;

namespace ApiMlCluster.Gateway.Health;

/// <summary>
/// This node's passive health marks: instances that refused a connection get no traffic for a probation period,
/// then one trial request; its success clears the mark everywhere, its failure starts a new probation. Requests
/// read an immutable map without locks; writes (rare: one per failing instance per probation) swap it under a lock
/// and are broadcast to every member by <see cref="HealthReplica"/>, so no node keeps sending traffic to an
/// instance another node found dead (Zowe waits for the registry to evict it, ~90 s: zowe/api-layer#1768).
/// </summary>
internal sealed class InstanceHealth(TimeProvider clock, TimeSpan probation)
{
    private readonly Lock gate = new();
    private volatile ImmutableDictionary<string, HealthMark> marks = ImmutableDictionary.Create<string, HealthMark>(StringComparer.Ordinal);
    private volatile Action<BroadcastHealth>? publish;

    public TimeSpan Probation => probation;

    public int Count => marks.Count;

    /// <summary>Where local marks and clears go to be broadcast; set once the node's actors run.</summary>
    public void PublishTo(Action<BroadcastHealth> target) => publish = target;

    public InstanceState StateOf(RoutedInstance instance)
    {
        var current = marks;
        if (current.IsEmpty || !current.TryGetValue(instance.InstanceId, out var mark) || mark.RegistrationStamp != StampOf(instance))
        {
            return InstanceState.Healthy;
        }

        return Now() < mark.Until ? InstanceState.Down : InstanceState.TrialDue;
    }

    /// <summary>Takes the one trial request of an instance whose probation has passed; false when another request took it.</summary>
    public bool TryClaimTrial(RoutedInstance instance)
    {
        lock (gate)
        {
            if (StateOf(instance) != InstanceState.TrialDue)
            {
                return false;
            }

            // The trial's own window: if its outcome never comes (client gone), another trial may go after it.
            marks = marks.SetItem(instance.InstanceId, new HealthMark(StampOf(instance), Deadline(probation), Trial: true));
            return true;
        }
    }

    /// <summary>The instance refused a connection (or did not accept one in time): mark it here and everywhere.</summary>
    public void ReportConnectFailure(RoutedInstance instance)
    {
        var stamp = StampOf(instance);
        lock (gate)
        {
            if (marks.TryGetValue(instance.InstanceId, out var existing) && existing.RegistrationStamp == stamp && !existing.Trial && Now() < existing.Until)
            {
                return;
            }

            marks = marks.SetItem(instance.InstanceId, new HealthMark(stamp, Deadline(probation), Trial: false));
        }

        publish?.Invoke(new BroadcastHealth(new InstanceMarkedDown(instance.InstanceId, stamp, (long)probation.TotalMilliseconds)));
    }

    /// <summary>The trial request got an answer: the instance is usable again, here and everywhere.</summary>
    public void ReportTrialSuccess(RoutedInstance instance)
    {
        var stamp = StampOf(instance);
        if (Remove(instance.InstanceId, stamp))
        {
            publish?.Invoke(new BroadcastHealth(new InstanceCleared(instance.InstanceId, stamp)));
        }
    }

    /// <summary>A mark made by another node.</summary>
    public void Apply(InstanceMarkedDown marked)
    {
        lock (gate)
        {
            marks = marks.SetItem(marked.InstanceId, new HealthMark(marked.RegistrationStamp, Deadline(TimeSpan.FromMilliseconds(marked.ProbationMs)), Trial: false));
        }
    }

    public void Apply(InstanceCleared cleared) => Remove(cleared.InstanceId, cleared.RegistrationStamp);

    /// <summary>Drops marks of instances that are no longer routable or were registered again, and long-expired ones.</summary>
    public int Prune(RouteTable routes)
    {
        if (marks.IsEmpty)
        {
            return 0;
        }

        var live = routes.Services.SelectMany(s => s.Instances).ToDictionary(i => i.InstanceId, StampOf, StringComparer.Ordinal);
        var staleBefore = Now() - (probation * 10).Ticks;
        lock (gate)
        {
            var stale = marks
                .Where(m => !live.TryGetValue(m.Key, out var stamp) || stamp != m.Value.RegistrationStamp || m.Value.Until < staleBefore)
                .Select(m => m.Key)
                .ToList();
            marks = marks.RemoveRange(stale);
            return stale.Count;
        }
    }

    private static long StampOf(RoutedInstance instance) => instance.Instance.Lease.RegistrationTimestamp;

    private long Now() => clock.GetUtcNow().UtcTicks;

    private long Deadline(TimeSpan after) => Now() + after.Ticks;

    private bool Remove(string instanceId, long stamp)
    {
        if (!marks.TryGetValue(instanceId, out var mark) || mark.RegistrationStamp != stamp)
        {
            return false;
        }

        lock (gate)
        {
            if (!marks.TryGetValue(instanceId, out mark) || mark.RegistrationStamp != stamp)
            {
                return false;
            }

            marks = marks.Remove(instanceId);
            return true;
        }
    }
}
