using ApiMlCluster.Chaos.Cluster;
using ApiMlCluster.Chaos.Workload;

namespace ApiMlCluster.Chaos.Faults;

/// <summary>What happened to one fault: when it started, when recovery began (node restarted, link healed) and
/// when every node again saw three Up members. Times are seconds since the run started.</summary>
internal sealed record FaultRecord(PlannedFault Fault, double Start, double RecoveryStart, double Converged, bool Recovered, string Notes);

/// <summary>Injects one planned fault and brings the cluster back to three Up members.</summary>
internal sealed class FaultInjector(ChaosCluster cluster, Partition partition, HttpClient health, History history, TextWriter log)
{
    private static readonly TimeSpan ConvergeTimeout = TimeSpan.FromSeconds(150);

    public async Task<FaultRecord> InjectAsync(PlannedFault fault, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var start = history.Now;
        await log.WriteLineAsync($"[{start,7:F1}s] fault {fault.Label} (hold {fault.Hold.TotalSeconds:F0} s)");
        var ok = true;
        switch (fault.Kind)
        {
            case FaultKind.Kill:
                ok &= await cluster.RunAsync("kill", fault.Node, cancellationToken);
                await Task.Delay(fault.Hold, cancellationToken);
                break;
            case FaultKind.Term:
                ok &= await cluster.RunAsync("stop", fault.Node, cancellationToken);
                notes.Add($"stopped after {history.Now - start:F1} s");
                await Task.Delay(fault.Hold, cancellationToken);
                break;
            case FaultKind.Partition:
                partition.Isolate(fault.Node);
                notes.Add(await WatchMinorityAsync(fault, start, cancellationToken));
                partition.Heal();
                break;
            case FaultKind.ColdRestart:
                ok &= await cluster.RunAsync("down", null, cancellationToken);
                notes.Add($"all stopped after {history.Now - start:F1} s");
                break;
        }

        var recoveryStart = history.Now;
        ok &= await RecoverAsync(fault, notes, cancellationToken);
        var converged = history.Now;
        await log.WriteLineAsync($"[{converged,7:F1}s] {(ok ? "recovered" : "NOT recovered")}: {fault.Label}; {string.Join("; ", notes)}");
        if (!ok)
        {
            foreach (var line in await cluster.DiagnoseAsync(health))
            {
                await log.WriteLineAsync("  " + line);
            }
        }

        return new FaultRecord(fault, start, recoveryStart, converged, ok, string.Join("; ", notes.Where(n => n.Length > 0)));
    }

    /// <summary>Holds the partition, noting when the minority node's process ends (downed by the resolver).</summary>
    private async Task<string> WatchMinorityAsync(PlannedFault fault, double start, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + fault.Hold;
        double? exited = null;
        while (DateTime.UtcNow < deadline)
        {
            if (exited is null && !cluster.IsRunning(fault.Node))
            {
                exited = history.Now - start;
            }

            await Task.Delay(200, cancellationToken);
        }

        return exited is { } after ? $"minority lpar{fault.Node} stopped itself after {after:F1} s" : $"minority lpar{fault.Node} still running when healed";
    }

    private async Task<bool> RecoverAsync(PlannedFault fault, List<string> notes, CancellationToken cancellationToken)
    {
        if (fault.Kind == FaultKind.ColdRestart)
        {
            return await cluster.RunAsync("up", null, cancellationToken) && await ConvergeAsync(notes, cancellationToken);
        }

        if (fault.Kind == FaultKind.Partition && cluster.IsRunning(fault.Node))
        {
            // A healed minority either rejoins or learns it was downed and stops; give it the time to do either.
            if (await cluster.WaitConvergedAsync(health, TimeSpan.FromSeconds(20), cancellationToken))
            {
                notes.Add("rejoined without a restart");
                return true;
            }

            if (cluster.IsRunning(fault.Node))
            {
                notes.Add("neither rejoined nor stopped within 20 s: SIGTERM");
                await cluster.RunAsync("stop", fault.Node, cancellationToken);
            }
        }

        var started = await cluster.RunAsync("start", fault.Node, cancellationToken);
        return started && await ConvergeAsync(notes, cancellationToken);
    }

    private async Task<bool> ConvergeAsync(List<string> notes, CancellationToken cancellationToken)
    {
        var began = history.Now;
        if (await cluster.WaitConvergedAsync(health, ConvergeTimeout, cancellationToken))
        {
            return true;
        }

        notes.Add($"not converged {ConvergeTimeout.TotalSeconds:F0} s after the restart");

        // A node downed while others restarted stops itself; start whatever is not running and try once more.
        foreach (var node in ChaosCluster.Nodes.Where(n => !cluster.IsRunning(n)))
        {
            notes.Add($"lpar{node} was not running: started again");
            await cluster.RunAsync("start", node, cancellationToken);
        }

        var converged = await cluster.WaitConvergedAsync(health, ConvergeTimeout, cancellationToken);
        notes.Add(converged ? $"converged {history.Now - began:F1} s after recovery began" : "did not converge");
        return converged;
    }
}
