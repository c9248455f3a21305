using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Registry;
using static ApiMlCluster.Discovery.Tests.Eureka.EurekaSamples;

namespace ApiMlCluster.Discovery.Tests.Eureka;

/// <summary>Eureka's <c>Applications.getReconcileHashCode</c> over a <c>TreeMap</c> of status name to count.</summary>
public sealed class EurekaAppsHashCodeTests
{
    [Fact]
    public void AppsHashCode_NoInstances_IsEmpty()
    {
        Assert.Equal(string.Empty, EurekaCodec.AppsHashCode([]));
    }

    [Fact]
    public void AppsHashCode_AllUp_CountsThem()
    {
        Assert.Equal("UP_3_", EurekaCodec.AppsHashCode([Registered("a"), Registered("b"), Registered("c")]));
    }

    [Fact]
    public void AppsHashCode_MixedStatuses_OrdersByStatusName()
    {
        var instances = new[]
        {
            Registered("a"), Registered("b", status: InstanceStatus.Down), Registered("c"),
            Registered("d", status: InstanceStatus.Starting), Registered("e", status: InstanceStatus.Unknown),
            Registered("f") with { OverriddenStatus = InstanceStatus.OutOfService },
        };

        Assert.Equal("DOWN_1_OUT_OF_SERVICE_1_STARTING_1_UNKNOWN_1_UP_2_", EurekaCodec.AppsHashCode(instances));
    }

    [Fact]
    public void AppsHashCode_OverriddenInstance_CountsItsEffectiveStatus()
    {
        Assert.Equal("DOWN_1_", EurekaCodec.AppsHashCode([Registered() with { OverriddenStatus = InstanceStatus.Down }]));
    }
}
