using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.Gateway.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Gateway.Tests.Health;

public sealed class InstanceHealthTests
{
    private static readonly TimeSpan Probation = TimeSpan.FromSeconds(15);
    private readonly ManualClock clock = new();
    private readonly InstanceHealth health;
    private readonly List<BroadcastHealth> published = [];
    private readonly ServiceRoutes service = TestServices.Of("svc", [1, 2]);

    public InstanceHealthTests()
    {
        health = new InstanceHealth(clock, Probation);
        health.PublishTo(published.Add);
    }

    [Fact]
    public void ReportConnectFailure_ManyRequestsAtOnce_BroadcastsOneMark()
    {
        for (var i = 0; i < 20; i++)
        {
            health.ReportConnectFailure(service.Instances[0]);
        }

        var mark = Assert.IsType<InstanceMarkedDown>(Assert.Single(published).Change);
        Assert.Equal((TestServices.Id("svc", 1), 1L, 15_000L), (mark.InstanceId, mark.RegistrationStamp, mark.ProbationMs));
    }

    [Fact]
    public void Apply_MarkFromAnotherNode_TakesEffectHereWithoutBroadcastingAgain()
    {
        health.Apply(new InstanceMarkedDown(TestServices.Id("svc", 2), 1, 5_000));

        Assert.Equal(InstanceState.Down, health.StateOf(service.Instances[1]));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(InstanceState.TrialDue, health.StateOf(service.Instances[1]));
        Assert.Empty(published);
    }

    [Fact]
    public void ReportTrialSuccess_ClearsTheMarkEverywhere()
    {
        health.ReportConnectFailure(service.Instances[0]);
        clock.Advance(Probation);
        Assert.True(health.TryClaimTrial(service.Instances[0]));

        health.ReportTrialSuccess(service.Instances[0]);

        Assert.Equal(InstanceState.Healthy, health.StateOf(service.Instances[0]));
        Assert.IsType<InstanceCleared>(published[^1].Change);
    }

    [Fact]
    public void Apply_ClearFromAnotherNode_MakesTheInstanceHealthy()
    {
        health.ReportConnectFailure(service.Instances[0]);

        health.Apply(new InstanceCleared(TestServices.Id("svc", 1), 1));

        Assert.Equal(InstanceState.Healthy, health.StateOf(service.Instances[0]));
    }

    [Fact]
    public void Prune_InstanceNoLongerInTheRegistry_DropsItsMark()
    {
        health.ReportConnectFailure(TestServices.Of("gone", [9]).Instances[0]);
        health.ReportConnectFailure(service.Instances[0]);

        var removed = health.Prune(RouteTableWith(service));

        Assert.Equal((1, 1), (removed, health.Count));
    }

    private static RouteTable RouteTableWith(ServiceRoutes routes)
    {
        var snapshot = new Discovery.ReadModel.RegistrySnapshot(new ManualClock());
        snapshot.Replace(routes.Source);
        return RouteTable.Build(snapshot.Current, RouteTable.DefaultIgnoredServices);
    }
}
