using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.LoadBalancing;
using ApiMlCluster.Gateway.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Gateway.Tests.LoadBalancing;

public sealed class InstanceChooserTests
{
    private static readonly TimeSpan Probation = TimeSpan.FromSeconds(15);
    private readonly ManualClock clock = new();
    private readonly InstanceHealth health;
    private readonly InstanceChooser chooser;

    public InstanceChooserTests()
    {
        health = new InstanceHealth(clock, Probation);
        chooser = new InstanceChooser(health);
    }

    [Fact]
    public void Choose_NoMarks_IsRoundRobin()
    {
        var service = TestServices.Of("svc", [1, 2, 3]);

        var picked = Enumerable.Range(0, 6).Select(_ => chooser.Choose(service, null).Instance!.Instance.SecurePort).ToList();

        Assert.Equal([2, 3, 1, 2, 3, 1], picked);
    }

    [Fact]
    public void Choose_InstanceMarkedDown_GetsNoRequests()
    {
        var service = TestServices.Of("svc", [1, 2, 3]);
        health.ReportConnectFailure(service.Instances[1]);

        var picked = Enumerable.Range(0, 10).Select(_ => chooser.Choose(service, null).Instance!.Instance.SecurePort).ToHashSet();

        Assert.Equal([1, 3], picked.Order());
    }

    [Fact]
    public void Choose_EveryInstanceMarked_StillTriesThem()
    {
        var service = TestServices.Of("svc", [1, 2]);
        health.ReportConnectFailure(service.Instances[0]);
        health.ReportConnectFailure(service.Instances[1]);

        var choice = chooser.Choose(service, null);

        Assert.NotNull(choice.Instance);
        Assert.False(choice.Trial);
    }

    [Fact]
    public void Choose_AfterTheProbation_SendsExactlyOneTrialRequestToTheMarkedInstance()
    {
        var service = TestServices.Of("svc", [1, 2, 3]);
        health.ReportConnectFailure(service.Instances[1]);
        clock.Advance(Probation);

        var choices = Enumerable.Range(0, 6).Select(_ => chooser.Choose(service, null)).ToList();

        var trial = Assert.Single(choices, c => c.Trial);
        Assert.Equal(2, trial.Instance!.Instance.SecurePort);
        Assert.Single(choices, c => c.Instance!.Instance.SecurePort == 2);
    }

    [Fact]
    public void Choose_TrialSucceeded_InstanceIsInRotationAgain()
    {
        var service = TestServices.Of("svc", [1, 2]);
        health.ReportConnectFailure(service.Instances[1]);
        clock.Advance(Probation);
        var trial = chooser.Choose(service, null);

        health.ReportTrialSuccess(trial.Instance!);

        var picked = Enumerable.Range(0, 4).Select(_ => chooser.Choose(service, null).Instance!.Instance.SecurePort).ToList();
        Assert.Equal(2, picked.Count(p => p == 2));
    }

    [Fact]
    public void Choose_TrialFailed_InstanceWaitsAnotherProbation()
    {
        var service = TestServices.Of("svc", [1, 2]);
        health.ReportConnectFailure(service.Instances[1]);
        clock.Advance(Probation);
        var trial = chooser.Choose(service, null);

        health.ReportConnectFailure(trial.Instance!);
        clock.Advance(Probation / 2);

        Assert.All(Enumerable.Range(0, 4), _ => Assert.Equal(1, chooser.Choose(service, null).Instance!.Instance.SecurePort));
    }

    [Fact]
    public void Choose_InstanceRegisteredAgainAfterTheMark_IsNotMarked()
    {
        health.ReportConnectFailure(TestServices.Of("svc", [1, 2], registeredAt: 1).Instances[1]);
        var reregistered = TestServices.Of("svc", [1, 2], registeredAt: 2);

        var picked = Enumerable.Range(0, 4).Select(_ => chooser.Choose(reregistered, null).Instance!.Instance.SecurePort).ToList();

        Assert.Equal(2, picked.Count(p => p == 2));
    }

    [Fact]
    public void Choose_TriedInstances_AreNotChosenAgain()
    {
        var service = TestServices.Of("svc", [1, 2, 3]);

        var choice = chooser.Choose(service, null, [TestServices.Id("svc", 1), TestServices.Id("svc", 2)]);

        Assert.Equal(3, choice.Instance!.Instance.SecurePort);
    }

    [Fact]
    public void Choose_EveryInstanceTried_IsNoInstance()
    {
        var service = TestServices.Of("svc", [1]);

        var choice = chooser.Choose(service, null, [TestServices.Id("svc", 1)]);

        Assert.Equal(InstanceChoiceProblem.NoInstance, choice.Problem);
    }

    [Fact]
    public void Choose_XInstanceIdOfAMarkedInstance_StillReachesIt()
    {
        var service = TestServices.Of("svc", [1, 2]);
        health.ReportConnectFailure(service.Instances[1]);

        Assert.Equal(2, chooser.Choose(service, TestServices.Id("svc", 2)).Instance!.Instance.SecurePort);
    }
}
