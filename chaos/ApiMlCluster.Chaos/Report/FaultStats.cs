using ApiMlCluster.Chaos.Checks;
using ApiMlCluster.Chaos.Faults;
using ApiMlCluster.Chaos.Workload;

namespace ApiMlCluster.Chaos.Report;

/// <summary>
/// What the clients saw from a fault's start until the next fault: the attempts answered 5xx, the operations that
/// failed even after retrying at the other nodes, and the error window (first to last of those failures).
/// </summary>
internal sealed record FaultStats(FaultRecord Record, double Until, int ServerErrors, int FailedAttempts, int FailedOperations, int Operations, double ErrorWindow, string FailedKinds)
{
    /// <summary>How long after a partition starts the minority may still acknowledge writes: its write gate closes
    /// once it sees a majority unreachable, so failure detection (heartbeat pause 2.5 s, later on a starved CPU) and
    /// slack.</summary>
    public static readonly TimeSpan MinorityGrace = TimeSpan.FromSeconds(8);

    public static FaultStats Compute(FaultRecord record, double until, History history)
    {
        var attempts = history.Attempts.Where(a => a.T >= record.Start && a.T < until).ToList();
        var operations = history.Operations.Where(o => o.Start >= record.Start && o.Start < until).ToList();
        var failed = operations.Where(o => o.Outcome is not (Outcome.Ok or Outcome.Violation)).ToList();
        var window = failed.Count == 0 ? 0 : failed.Max(o => o.End) - failed.Min(o => o.Start);
        return new FaultStats(
            record,
            until,
            attempts.Count(a => a.Outcome == Outcome.ServerError),
            attempts.Count(a => a.Outcome != Outcome.Ok),
            failed.Count,
            operations.Count,
            window,
            string.Join(", ", failed.GroupBy(o => o.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}")));
    }

    /// <summary>The writes that need no single owner; a node crash, a stop or a partition must not fail one of them.</summary>
    public static readonly IReadOnlySet<string> OwnerlessWrites = new HashSet<string> { "login", "logout", "pat-revoke" };

    /// <summary>
    /// For a SIGKILL, a SIGTERM or a partition of one node: no login, logout or PAT revocation failed once retried at
    /// the other nodes (a cold restart stops every node, so it is exempt).
    /// </summary>
    public InvariantResult? OwnerlessWriteResult(History history)
    {
        if (Record.Fault.Kind is not (FaultKind.Kill or FaultKind.Term or FaultKind.Partition))
        {
            return null;
        }

        var operations = history.Operations.Where(o => o.Start >= Record.Start && o.Start < Until && OwnerlessWrites.Contains(o.Kind)).ToList();
        var failed = operations.Where(o => o.Outcome is not (Outcome.Ok or Outcome.Violation)).ToList();
        return new InvariantResult(Record.Fault.Label, "no login, logout or PAT revocation failed (each retried at the other nodes)",
            failed.Count == 0, $"{failed.Count} of {operations.Count} failed{(failed.Count == 0 ? string.Empty : ": " + string.Join(", ", failed.GroupBy(o => o.Kind).Select(g => $"{g.Key} ×{g.Count()}")))}");
    }

    /// <summary>For a partition: the minority stopped acknowledging writes after the grace, the majority kept acknowledging them.</summary>
    public IEnumerable<InvariantResult> PartitionResults(History history)
    {
        if (Record.Fault.Kind != FaultKind.Partition)
        {
            yield break;
        }

        var from = Record.Start + MinorityGrace.TotalSeconds;
        var writes = history.Attempts
            .Where(a => a.T >= from && a.T < Record.RecoveryStart && Workload.Operations.Writes.Contains(a.Kind))
            .ToList();
        var minority = writes.Where(a => a.Node == Record.Fault.Node).ToList();
        var majority = writes.Where(a => a.Node != Record.Fault.Node).ToList();
        var checkpoint = Record.Fault.Label;
        var span = $"t={from:F1}–{Record.RecoveryStart:F1}s";
        yield return new InvariantResult(checkpoint, $"the minority (lpar{Record.Fault.Node}) acknowledged no write from {MinorityGrace.TotalSeconds:F0} s into the partition until the heal",
            minority.All(a => !a.Acknowledged), $"{span}: {minority.Count(a => a.Acknowledged)} of {minority.Count} writes at the minority acknowledged");
        yield return new InvariantResult(checkpoint, "the majority kept acknowledging writes during the partition",
            majority.Any(a => a.Acknowledged), $"{span}: {majority.Count(a => a.Acknowledged)} of {majority.Count} writes at the majority acknowledged");
    }
}
