using System.Diagnostics;
using ApiMlCluster.TestSupport;
using Xunit.Abstractions;

namespace ApiMlCluster.Chaos.Tests;

/// <summary>
/// The chaos suite's short form, as CI runs it: three node processes under the mixed workload, a SIGKILL and a
/// SIGTERM of a node with their restarts
/// (two clients, so restarts on CI's two cores stay quick) and a partition of one node at the cluster transport (seed 7 orders
/// them), each followed by the invariant checks; everything acknowledged must hold at every node.
/// </summary>
public sealed class ShortChaosRunTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempWorkspace results = new();

    public void Dispose() => results.Dispose();

    [Fact]
    public async Task ShortRun_KillTermAndPartitionUnderLoad_KeepsEveryInvariant()
    {
        var options = ChaosOptions.Parse(["--duration", "10", "--faults", "3", "--seed", "7", "--clients", "2", "--out", results.Root]);
        var log = new StringWriter();
        var watch = Stopwatch.StartNew();

        var result = await ChaosRun.RunAsync(options, TextWriter.Synchronized(log), CancellationToken.None);

        output.WriteLine(log.ToString());
        output.WriteLine($"run took {watch.Elapsed.TotalSeconds:F0} s");
        output.WriteLine(File.ReadAllText(Path.Combine(result.OutputDirectory, "report.md")));
        Assert.Null(result.Aborted);
        Assert.Equal(["Kill", "Partition", "Term"], result.FaultKinds.Order());
        Assert.True(result.InvariantChecks >= 20, $"only {result.InvariantChecks} invariant checks ran");
        Assert.Empty(result.Failures);
        Assert.True(File.Exists(Path.Combine(result.OutputDirectory, "timeline.svg")));
    }
}
