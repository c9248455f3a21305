using ApiMlCluster.Chaos.Checks;
using ApiMlCluster.Chaos.Cluster;
using ApiMlCluster.Chaos.Faults;
using ApiMlCluster.Chaos.Report;
using ApiMlCluster.Chaos.Workload;

namespace ApiMlCluster.Chaos;

/// <summary>The outcome of a run: every invariant check, the faults injected, and where the report was written.</summary>
public sealed record ChaosResult(string OutputDirectory, IReadOnlyList<string> Failures, IReadOnlyList<string> FaultKinds, int InvariantChecks, string? Aborted)
{
    public bool Passed => Failures.Count == 0 && Aborted is null;
}

/// <summary>
/// One chaos run: a three-node cluster behind cuttable transport relays, two echo instances registered through
/// discovery, the client workload, the seeded faults each followed by recovery and invariant checks, and the
/// report. Whatever happens, every node started here is stopped (scripts/cluster down, then SIGKILL by pid file).
/// </summary>
public static class ChaosRun
{
    public static async Task<ChaosResult> RunAsync(ChaosOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(ChaosCluster.RepositoryRoot, ".build", "chaos-results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(output);
        var work = Path.Combine(Path.GetTempPath(), "apiml-chaos-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(work);
        var cluster = new ChaosCluster(work, options, log);
        var partition = new Partition();
        var relays = ChaosCluster.Nodes.Select(n => new TransportRelay(n, cluster.RemotingPublicPort(n), cluster.RemotingBindPort(n), partition, cluster.Pid)).ToList();
        var history = new History();
        var ledger = new Ledger();
        var records = new List<FaultRecord>();
        var invariants = new List<InvariantResult>();
        string? aborted = null;
        var namespaces = NamespaceProbe.Describe();
        var partitionMethod = "blackhole at the Akka transport: a relay per node in the runner, both directions of the isolated node's links cut";
        EchoInstances? echo = null;
        Endpoints? endpoints = null;
        using var stopWorkload = new CancellationTokenSource();
        var workloadTask = Task.CompletedTask;
        await log.WriteLineAsync($"chaos: seed {options.Seed}, {options.Faults} faults over {options.Duration.TotalSeconds:F0} s, store {options.Store}; work directory {work}; results {output}");
        try
        {
            foreach (var relay in relays)
            {
                relay.Start();
            }

            if (!await cluster.RunAsync("up", null, cancellationToken))
            {
                throw new ChaosAbortedException("scripts/cluster up failed (see the node logs)");
            }

            endpoints = new Endpoints(cluster, cluster.IssueCertificate("chaos-client"), TimeSpan.FromSeconds(5));
            if (!await cluster.WaitConvergedAsync(endpoints.WithCertificate, TimeSpan.FromSeconds(60), cancellationToken))
            {
                throw new ChaosAbortedException("the three nodes did not all see three Up members within 60 s of starting");
            }

            echo = await EchoInstances.StartAsync(endpoints, history, cluster.IssueCertificate("localhost"));
            if (!await RegisterEchoAsync(echo, cancellationToken))
            {
                throw new ChaosAbortedException("the echo instances could not register within 60 s");
            }

            echo.StartRenewing();
            var checker = new InvariantChecker(endpoints, ledger, history, echo.Ports, options.Seed);
            var workload = new ClientWorkload(new Operations(endpoints, ledger, history), history, options.Clients, options.Seed);
            workloadTask = workload.RunAsync(stopWorkload.Token);
            var plan = FaultPlan.Create(options.Faults, options.Seed, partitionPossible: true);
            var gap = options.Duration / (plan.Count + 1);
            var injector = new FaultInjector(cluster, partition, endpoints.WithCertificate, history, log);
            foreach (var fault in plan)
            {
                await Task.Delay(gap, cancellationToken);
                var record = await injector.InjectAsync(fault, cancellationToken);
                records.Add(record);
                invariants.Add(new InvariantResult(fault.Label, "the cluster recovered: every node sees three Up members", record.Recovered, record.Notes.Length == 0 ? $"{record.Converged - record.Start:F1} s after the fault" : record.Notes));
                if (!record.Recovered)
                {
                    throw new ChaosAbortedException($"the cluster did not recover from fault {fault.Label}");
                }

                await workload.PauseAsync();
                invariants.AddRange(await checker.CheckAsync($"after {fault.Label}", everything: false));
                workload.Resume();
            }

            await Task.Delay(gap, cancellationToken);
            await workload.PauseAsync();
            invariants.AddRange(await checker.CheckAsync("end of run", everything: true));
        }
        catch (ChaosAbortedException e)
        {
            aborted = e.Message;
            await log.WriteLineAsync("chaos: aborted: " + e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            aborted = "interrupted";
        }
        finally
        {
            await stopWorkload.CancelAsync();
            await workloadTask;
            partition.Heal();
            await StopEverythingAsync(cluster, log);
            if (echo is not null)
            {
                await echo.DisposeAsync();
            }

            foreach (var relay in relays)
            {
                await relay.DisposeAsync();
            }
        }

        var end = history.Now;
        var stats = records.Select((r, i) => FaultStats.Compute(r, i + 1 < records.Count ? records[i + 1].Start : end, history)).ToList();
        invariants.AddRange(stats.SelectMany(s => s.PartitionResults(history)));
        invariants.AddRange(stats.Select(s => s.OwnerlessWriteResult(history)).OfType<InvariantResult>());
        var facts = new RunFacts(options, partitionMethod, namespaces, aborted, echo?.LostLeases ?? 0);
        await File.WriteAllTextAsync(Path.Combine(output, "report.md"), ReportWriter.Render(facts, history, ledger, stats, invariants, end), CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(output, "timeline.svg"), TimelineSvg.Render(history, records, end), CancellationToken.None);
        await File.WriteAllLinesAsync(Path.Combine(output, "attempts.csv"), history.Attempts.OrderBy(a => a.T).Select(a => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{a.T:F3},lpar{a.Node},{a.Kind},{a.Status},{a.Outcome},{a.LatencyMs:F1},{(a.Acknowledged ? 1 : 0)},{a.Try}")).Prepend("t_seconds,node,kind,status,outcome,latency_ms,acknowledged,try"), CancellationToken.None);
        CopyLogs(cluster, output);
        endpoints?.Dispose();
        TryDelete(work);

        var failures = invariants.Where(i => !i.Passed).Select(i => $"{i.Checkpoint}: {i.Name}: {i.Detail}").ToList();
        await log.WriteLineAsync($"chaos: {invariants.Count - failures.Count} of {invariants.Count} invariant checks hold{(aborted is null ? string.Empty : "; aborted: " + aborted)}; report {Path.Combine(output, "report.md")}");
        foreach (var failure in failures)
        {
            await log.WriteLineAsync("  FAIL " + failure);
        }

        return new ChaosResult(output, failures, [.. records.Select(r => r.Fault.Kind.ToString())], invariants.Count, aborted);
    }

    /// <summary>Right after start-up the registry's shards may still be allocating: retry, at every node in turn.</summary>
    private static async Task<bool> RegisterEchoAsync(EchoInstances echo, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        for (var attempt = 0; DateTime.UtcNow < deadline; attempt++)
        {
            if (await echo.RegisterAsync(ChaosCluster.Nodes[attempt % ChaosCluster.Size]))
            {
                return true;
            }

            await Task.Delay(1000, cancellationToken);
        }

        return false;
    }

    /// <summary>Graceful stop first; whatever still runs after it gets SIGKILL by its recorded pid.</summary>
    private static async Task StopEverythingAsync(ChaosCluster cluster, TextWriter log)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await cluster.RunAsync("down", null, budget.Token);
        foreach (var node in ChaosCluster.Nodes.Where(cluster.IsRunning))
        {
            await log.WriteLineAsync($"chaos: lpar{node} still running after down: SIGKILL");
            await cluster.RunAsync("kill", node, CancellationToken.None);
        }
    }

    private static void CopyLogs(ChaosCluster cluster, string output)
    {
        var logs = Path.Combine(output, "logs");
        Directory.CreateDirectory(logs);
        foreach (var node in ChaosCluster.Nodes)
        {
            if (File.Exists(cluster.LogFile(node)))
            {
                File.Copy(cluster.LogFile(node), Path.Combine(logs, ChaosCluster.Name(node) + ".log"), overwrite: true);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A node that outlived its kill may still hold a file; the OS temp cleaner takes it later.
        }
    }
}

internal sealed class ChaosAbortedException(string message) : Exception(message);
