using System.Globalization;
using System.Text;
using ApiMlCluster.Chaos.Checks;
using ApiMlCluster.Chaos.Workload;

namespace ApiMlCluster.Chaos.Report;

/// <summary>Facts about the run that are not in the history: how it was configured and what the machine allowed.</summary>
internal sealed record RunFacts(ChaosOptions Options, string PartitionMethod, string Namespaces, string? Aborted, int EchoLostLeases);

/// <summary>report.md: configuration, faults with their error windows and 5xx counts, every invariant, totals.</summary>
internal static class ReportWriter
{
    public static string Render(RunFacts facts, History history, Ledger ledger, IReadOnlyList<FaultStats> faults, IReadOnlyList<InvariantResult> invariants, double end)
    {
        var o = facts.Options;
        var passed = invariants.Count(i => i.Passed);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"# Chaos run {history.StartedUtc:yyyy-MM-dd HH:mm} UTC");
        Line($"");
        Line($"`{o.CommandLine}`");
        Line($"");
        Line($"| setting | value |");
        Line($"|---|---|");
        Line($"| seed | {o.Seed} |");
        Line($"| workload duration (faults spread over it) | {o.Duration.TotalSeconds:F0} s; the run took {end:F0} s |");
        Line($"| faults | {o.Faults} |");
        Line($"| store | {(o.Store == StoreKind.Postgres ? "PostgreSQL (private server of scripts/lib/postgres.sh)" : "SQLite, one file shared by the three nodes")} |");
        Line($"| cluster | three node processes (scripts/cluster), `cluster.failover: fast`, dummy auth provider |");
        Line($"| clients | {o.Clients} tasks, 30 ms between operations, each failed attempt (no answer, 5xx) retried at the next node |");
        Line($"| partition | {facts.PartitionMethod} |");
        Line($"| network namespaces | {facts.Namespaces} |");
        Line($"| PATs | {(ledger.PatSupported switch { true => "generated, revoked and probed", false => "skipped: endpoint absent (generate answered 404)", _ => "never tried" })} |");
        Line($"| machine | {Environment.ProcessorCount} cores, .NET {Environment.Version} |");
        Line($"");
        Line($"## Result: {(passed == invariants.Count && facts.Aborted is null ? "PASS" : "FAIL")} ({passed} of {invariants.Count} invariant checks hold)");
        if (facts.Aborted is not null)
        {
            Line($"");
            Line($"The run was aborted: {facts.Aborted}");
        }

        Line($"");
        Line($"## Faults");
        Line($"");
        Line($"Error window: from the first to the last client operation that failed even after retrying at the other nodes, between the fault's start and the next fault. 5xx: attempts answered 5xx in that span.");
        Line($"");
        Line($"| # | fault | node | start | hold | converged after | error window | failed ops / ops | failed ops by kind | failed attempts | 5xx | notes |");
        Line($"|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var f in faults)
        {
            var r = f.Record;
            var node = r.Fault.Kind == Faults.FaultKind.ColdRestart ? "all" : $"lpar{r.Fault.Node}";
            Line($"| {r.Fault.Index} | {Faults.PlannedFault.Name(r.Fault.Kind)} | {node} | {r.Start:F1} s | {r.Fault.Hold.TotalSeconds:F0} s | {r.Converged - r.Start:F1} s{(r.Recovered ? string.Empty : " (NOT recovered)")} | {f.ErrorWindow:F1} s | {f.FailedOperations} / {f.Operations} | {f.FailedKinds} | {f.FailedAttempts} | {f.ServerErrors} | {r.Notes} |");
        }

        Line($"");
        Line($"## Invariants");
        Line($"");
        Line($"| checkpoint | invariant | result | detail |");
        Line($"|---|---|---|---|");
        foreach (var i in invariants)
        {
            Line($"| {i.Checkpoint} | {i.Name} | {(i.Passed ? "pass" : "**FAIL**")} | {i.Detail.Replace("|", "/", StringComparison.Ordinal)} |");
        }

        Line($"");
        Line($"## Totals per operation kind");
        Line($"");
        Line($"| kind | operations | acknowledged | failed after retries | attempts | 5xx | no answer | unexpected 4xx | violations | p50 ms | p99 ms |");
        Line($"|---|---|---|---|---|---|---|---|---|---|---|");
        var attempts = history.Attempts.ToList();
        foreach (var group in history.Operations.GroupBy(op => op.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var tries = attempts.Where(a => a.Kind == group.Key).ToList();
            var latencies = tries.Where(a => a.Outcome == Outcome.Ok).Select(a => a.LatencyMs).Order().ToList();
            Line($"| {group.Key} | {group.Count()} | {group.Count(op => op.Acknowledged)} | {group.Count(op => op.Outcome is not (Outcome.Ok or Outcome.Violation))} | {tries.Count} | {tries.Count(a => a.Outcome == Outcome.ServerError)} | {tries.Count(a => a.Outcome == Outcome.TransportError)} | {tries.Count(a => a.Outcome == Outcome.Rejected)} | {tries.Count(a => a.Outcome == Outcome.Violation)} | {Percentile(latencies, 0.5):F1} | {Percentile(latencies, 0.99):F1} |");
        }

        var renewals = attempts.Where(a => a.Kind == "echo-renew").ToList();
        Line($"| echo-renew (echo instances' own renewals) | {renewals.Count(a => a.Try == 0)} | {renewals.Count(a => a.Acknowledged)} | – | {renewals.Count} | {renewals.Count(a => a.Outcome == Outcome.ServerError)} | {renewals.Count(a => a.Outcome == Outcome.TransportError)} | {renewals.Count(a => a.Outcome == Outcome.Rejected)} | – | – | – |");
        Line($"");
        Line($"Echo-instance renewals answered 404 (registration re-sent): {facts.EchoLostLeases}.");
        Line($"Acknowledged at the end: {ledger.LoggedOutTokens.Count} logouts, {ledger.RevokedPats.Count} PAT revocations, {ledger.CacheEntries.Count} cache writes, {ledger.Registrations.Count} registrations.");
        Line($"");
        Line($"## Timeline");
        Line($"");
        Line($"![timeline](timeline.svg)");
        return text.ToString();
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
