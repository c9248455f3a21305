using System.Xml.Linq;
using ApiMlCluster.Chaos.Faults;
using ApiMlCluster.Chaos.Report;
using ApiMlCluster.Chaos.Workload;

namespace ApiMlCluster.Chaos.Tests;

public sealed class ReportTests
{
    private static readonly FaultRecord Partition = new(new PlannedFault(1, FaultKind.Partition, 3, TimeSpan.FromSeconds(12)), 10, 22, 40, true, string.Empty);

    [Fact]
    public void Compute_FailedOperations_ErrorWindowSpansFirstToLastFailureBeforeTheNextFault()
    {
        var history = new History();
        history.Add(new Operation(11, 12, "login", false, Outcome.TransportError, 3));
        history.Add(new Operation(12, 13, "get", true, Outcome.Ok, 1));
        history.Add(new Operation(15, 16.5, "logout", false, Outcome.ServerError, 3));
        history.Add(new Operation(55, 56, "login", false, Outcome.TransportError, 3));
        history.Add(new Attempt(15, 3, "logout", 503, Outcome.ServerError, 10, false, 0, null));

        var stats = FaultStats.Compute(Partition, until: 50, history);

        Assert.Equal(5.5, stats.ErrorWindow, precision: 6);
        Assert.Equal(2, stats.FailedOperations);
        Assert.Equal(1, stats.ServerErrors);
    }

    [Fact]
    public void PartitionResults_WriteAcknowledgedAtTheMinorityAfterTheGrace_Fails()
    {
        var history = new History();
        history.Add(new Attempt(19, 3, "logout", 204, Outcome.Ok, 5, true, 0, null));
        history.Add(new Attempt(19, 1, "cache-write", 201, Outcome.Ok, 5, true, 0, null));

        var results = FaultStats.Compute(Partition, 50, history).PartitionResults(history).ToList();

        Assert.False(results[0].Passed);
        Assert.True(results[1].Passed);
    }

    [Fact]
    public void Render_Timeline_IsWellFormedSvgWithTheFaultsMarked()
    {
        var history = new History();
        history.Add(new Attempt(5, 1, "get", 200, Outcome.Ok, 3, true, 0, null));
        history.Add(new Attempt(12, 3, "get", 0, Outcome.TransportError, 5000, false, 0, "refused"));

        var svg = XDocument.Parse(TimelineSvg.Render(history, [Partition], 60));

        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "#1 partition+heal lpar3");
    }
}
