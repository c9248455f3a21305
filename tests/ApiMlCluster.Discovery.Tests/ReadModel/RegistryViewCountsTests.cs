using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Discovery.Tests.Support;

namespace ApiMlCluster.Discovery.Tests.ReadModel;

/// <summary>The counts the registration quotas read are kept with each view, and always equal a recount.</summary>
public sealed class RegistryViewCountsTests
{
    private readonly RegistrySnapshot snapshot = new(TimeProvider.System);
    private readonly Dictionary<string, long> versions = [];

    [Fact]
    public void Counts_AfterRegistrationsReRegistrationsAndCancels_EqualARecount()
    {
        Store("alpha", 1, "CN=one");
        Store("alpha", 2, "CN=one");
        Store("beta", 1, "cn=ONE");
        Store("beta", 2, "CN=two");
        Store("alpha", 1, "CN=two");
        Remove("alpha", 2);
        Store("gamma", 1, null);

        var view = snapshot.Current;
        AssertMatchesRecount(view);
        Assert.Equal(1, view.InstancesHeldBy("CN=One"));
        Assert.Equal(2, view.InstancesHeldBy("CN=two"));
        Assert.Equal(3, view.RegisteredCount);
        Assert.Equal(4, view.InstanceCount);
    }

    [Fact]
    public void Counts_ServiceThatLostItsLastInstance_IsNoLongerCountedAndForgettingItChangesNothing()
    {
        Store("alpha", 1, "CN=one");
        Store("beta", 1, "CN=one");
        Remove("beta", 1);

        Assert.Equal(1, snapshot.Current.RegisteredCount);
        snapshot.Forget(["BETA"]);

        var view = snapshot.Current;
        AssertMatchesRecount(view);
        Assert.DoesNotContain("BETA", view.Services.Keys);
        Assert.Equal(1, view.InstancesHeldBy("CN=one"));
    }

    [Fact]
    public void Counts_WholeServiceCopyReplacingTheHeldOne_EqualARecount()
    {
        Store("alpha", 1, "CN=one");
        Store("alpha", 2, "CN=one");
        var copy = snapshot.Current.Services["ALPHA"];
        var replacement = copy with
        {
            Version = copy.Version + 5,
            Instances = copy.Instances.Remove(Instances.Of("alpha", 1).InstanceId).SetItem(Instances.Of("alpha", 3).InstanceId, Instances.Of("alpha", 3) with { RegisteredBy = "CN=two" }),
        };

        Assert.True(snapshot.Replace(replacement));

        AssertMatchesRecount(snapshot.Current);
        Assert.Equal(1, snapshot.Current.InstancesHeldBy("CN=two"));
    }

    private void Store(string serviceId, int port, string? owner) =>
        Assert.True(snapshot.Apply(new InstanceChanged(serviceId.ToUpperInvariant(), NextVersion(serviceId), Instances.Of(serviceId, port) with { RegisteredBy = owner }, null)));

    private void Remove(string serviceId, int port) =>
        Assert.True(snapshot.Apply(new InstanceChanged(serviceId.ToUpperInvariant(), NextVersion(serviceId), null, Instances.Of(serviceId, port).InstanceId)));

    private long NextVersion(string serviceId) => versions[serviceId] = versions.GetValueOrDefault(serviceId) + 1;

    private static void AssertMatchesRecount(RegistryView view)
    {
        var instances = view.Services.Values.SelectMany(s => s.Instances.Values).ToList();
        Assert.Equal(view.Services.Values.Count(s => s.Instances.Count > 0), view.RegisteredCount);
        Assert.Equal(instances.Count, view.InstanceCount);
        foreach (var owner in instances.Select(i => i.RegisteredBy).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            Assert.Equal(instances.Count(i => string.Equals(i.RegisteredBy, owner, StringComparison.OrdinalIgnoreCase)), view.InstancesHeldBy(owner));
        }
    }
}
