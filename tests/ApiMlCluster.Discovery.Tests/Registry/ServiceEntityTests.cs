using System.Collections.Immutable;
using Akka.Actor;
using ApiMlCluster.Discovery.Ownership;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Discovery.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Discovery.Tests.Registry;

public sealed class ServiceEntityTests : IAsyncLifetime
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(15);
    private readonly ManualClock clock = new();
    private readonly RegistrySettings settings = new() { MaxInstancesPerService = 3, EvictionInterval = TimeSpan.FromMilliseconds(100), BeaconInterval = TimeSpan.FromMilliseconds(500) };
    private DiscoveryTestCluster cluster = null!;

    private IActorRef Services => cluster.Members[0].Actors.Services;

    private RegistrySnapshot Snapshot => cluster.Members[0].Snapshot;

    public async Task InitializeAsync() => cluster = await DiscoveryTestCluster.StartAsync(1, clock, settings);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Register_NewInstance_AcknowledgesVersionOneWithTheStoredInstance()
    {
        var instance = Instances.Of("alpha");

        var ack = await Services.Ask<RegistryAck>(new Register("ALPHA", instance), Ask);

        Assert.Equal(1, ack.Change!.Version);
        Assert.Equal(instance.InstanceId, ack.Change.Upserted!.InstanceId);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), ack.Change.Upserted.Lease.RegistrationTimestamp);
    }

    [Fact]
    public async Task Register_ReachesThisNodesSnapshotWithoutTheRequester()
    {
        await Services.Ask<RegistryAck>(new Register("BETA", Instances.Of("beta")), Ask);

        await Eventually.TrueAsync(() => Snapshot.Current.Find("beta") is not null);
    }

    [Fact]
    public async Task Register_ServiceHeldByAnotherCertificate_IsRefusedAndStoresNothing()
    {
        await Services.Ask<RegistryAck>(new Register("OWNED", Instances.Of("owned", 1), new Registrant("CN=alice", false)), Ask);

        var answer = await Services.Ask<object>(new Register("OWNED", Instances.Of("owned", 2), new Registrant("CN=mallory", false)), Ask);

        Assert.Equal(RefusalKind.NotOwner, Assert.IsType<RegistryRefused>(answer).Kind);
        Assert.Equal(["localhost:owned:1"], Snapshot.Current.Find("owned")!.Instances.Keys);
    }

    [Fact]
    public async Task Register_RecordsTheRegistrantsSubjectAsOwner()
    {
        var ack = await Services.Ask<RegistryAck>(new Register("RECORDED", Instances.Of("recorded"), new Registrant("CN=alice", false)), Ask);

        Assert.Equal("CN=alice", ack.Change!.Upserted!.RegisteredBy);
    }

    [Fact]
    public async Task Cancel_InstanceOfAnotherCertificate_IsRefusedAndKeepsIt()
    {
        var instance = Instances.Of("kept");
        await Services.Ask<RegistryAck>(new Register("KEPT", instance, new Registrant("CN=alice", false)), Ask);

        var answer = await Services.Ask<object>(new Cancel("KEPT", instance.InstanceId, new Registrant("CN=mallory", false)), Ask);

        Assert.IsType<RegistryRefused>(answer);
        Assert.NotNull(Snapshot.Current.FindInstance(instance.InstanceId));
    }

    [Fact]
    public async Task UpdateMetadata_MergedTotalBeyondTheLimit_IsRefusedAsInvalid()
    {
        var instance = Instances.Of("merged", metadata: [("big", new string('a', 60_000))]);
        await Services.Ask<RegistryAck>(new Register("MERGED", instance), Ask);

        var answer = await Services.Ask<object>(new UpdateMetadata("MERGED", instance.InstanceId, ImmutableSortedDictionary<string, string>.Empty.Add("more", new string('b', 6000))), Ask);

        Assert.Equal(RefusalKind.Invalid, Assert.IsType<RegistryRefused>(answer).Kind);
    }

    [Fact]
    public async Task Register_BeyondTheInstancesPerServiceLimit_IsRefusedAsQuota()
    {
        for (var port = 1; port <= settings.MaxInstancesPerService; port++)
        {
            await Services.Ask<RegistryAck>(new Register("FULL", Instances.Of("full", port)), Ask);
        }

        var answer = await Services.Ask<object>(new Register("FULL", Instances.Of("full", 999)), Ask);

        Assert.Equal(RefusalKind.Quota, Assert.IsType<RegistryRefused>(answer).Kind);
    }

    [Fact]
    public async Task Renew_UnknownInstance_IsNotFound()
    {
        var answer = await Services.Ask<object>(new Renew("GAMMA", "localhost:gamma:1", null), Ask);

        Assert.IsType<InstanceNotFound>(answer);
    }

    [Fact]
    public async Task Renew_ClientChangedSinceRegistering_IsNotFoundSoItRegistersAgain()
    {
        var instance = Instances.Of("delta") with { LastDirtyTimestamp = 1000 };
        await Services.Ask<RegistryAck>(new Register("DELTA", instance), Ask);

        var answer = await Services.Ask<object>(new Renew("DELTA", instance.InstanceId, 2000), Ask);

        Assert.IsType<InstanceNotFound>(answer);
    }

    [Fact]
    public async Task Lease_NotRenewed_IsEvictedOnceItsDurationPasses()
    {
        var instance = Instances.Of("epsilon", leaseSeconds: 30);
        await Services.Ask<RegistryAck>(new Register("EPSILON", instance), Ask);
        await Eventually.TrueAsync(() => Snapshot.Current.Find("epsilon") is not null);

        clock.Advance(TimeSpan.FromSeconds(31));

        await Eventually.TrueAsync(() => Snapshot.Current.Find("epsilon") is null);
        Assert.IsType<InstanceNotFound>(await Services.Ask<object>(new Renew("EPSILON", instance.InstanceId, null), Ask));
    }

    [Fact]
    public async Task Lease_RenewedWithinItsDuration_IsKept()
    {
        var instance = Instances.Of("zeta", leaseSeconds: 30);
        await Services.Ask<RegistryAck>(new Register("ZETA", instance), Ask);

        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
            Assert.IsType<RegistryAck>(await Services.Ask<object>(new Renew("ZETA", instance.InstanceId, null), Ask));
            await Task.Delay(300);
        }

        Assert.NotNull(Snapshot.Current.Find("zeta"));
    }

    [Fact]
    public async Task StaticInstance_IsNeverEvicted()
    {
        var instance = Instances.Of("eta", leaseSeconds: 1, isStatic: true);
        await Services.Ask<RegistryAck>(new Register("ETA", instance), Ask);

        clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(500);

        Assert.IsType<RegistryAck>(await Services.Ask<object>(new Renew("ETA", instance.InstanceId, null), Ask));
    }

    [Fact]
    public async Task OverrideStatus_WinsOverTheReportedStatusAndSurvivesRegisteringAgain()
    {
        var instance = Instances.Of("theta");
        await Services.Ask<RegistryAck>(new Register("THETA", instance), Ask);
        await Services.Ask<RegistryAck>(new OverrideStatus("THETA", instance.InstanceId, InstanceStatus.OutOfService), Ask);

        var ack = await Services.Ask<RegistryAck>(new Register("THETA", instance), Ask);

        Assert.Equal(InstanceStatus.OutOfService, ack.Change!.Upserted!.EffectiveStatus);
    }

    [Fact]
    public async Task RemoveStatusOverride_RestoresTheReportedStatus()
    {
        var instance = Instances.Of("iota");
        await Services.Ask<RegistryAck>(new Register("IOTA", instance), Ask);
        await Services.Ask<RegistryAck>(new OverrideStatus("IOTA", instance.InstanceId, InstanceStatus.OutOfService), Ask);

        var ack = await Services.Ask<RegistryAck>(new RemoveStatusOverride("IOTA", instance.InstanceId), Ask);

        Assert.Equal(InstanceStatus.Up, ack.Change!.Upserted!.EffectiveStatus);
    }

    [Fact]
    public async Task UpdateMetadata_SetsTheGivenKeysAndKeepsTheOthers()
    {
        var instance = Instances.Of("kappa", metadata: [("a", "1"), ("b", "2")]);
        await Services.Ask<RegistryAck>(new Register("KAPPA", instance), Ask);

        var changes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("b", "3"), KeyValuePair.Create("c", "4")]);
        var ack = await Services.Ask<RegistryAck>(new UpdateMetadata("KAPPA", instance.InstanceId, changes), Ask);

        Assert.Equal(["1", "3", "4"], ack.Change!.Upserted!.Metadata.Values);
    }

    [Fact]
    public async Task Cancel_RemovesTheInstance()
    {
        var instance = Instances.Of("lambda");
        await Services.Ask<RegistryAck>(new Register("LAMBDA", instance), Ask);

        var ack = await Services.Ask<RegistryAck>(new Cancel("LAMBDA", instance.InstanceId), Ask);

        Assert.Equal(instance.InstanceId, ack.Change!.RemovedId);
        await Eventually.TrueAsync(() => Snapshot.Current.Find("lambda") is null);
    }

    [Fact]
    public async Task Entity_AfterItStops_RecoversItsInstancesFromTheJournal()
    {
        var instance = Instances.Of("mu");
        await Services.Ask<RegistryAck>(new Register("MU", instance), Ask);
        await Services.Ask<RegistryAck>(new OverrideStatus("MU", instance.InstanceId, InstanceStatus.Down), Ask);

        cluster.Members[0].System.ActorSelection($"/system/sharding/{ServiceShards.TypeName}/*/MU").Tell(PoisonPill.Instance);
        await Task.Delay(500);
        var chunks = await Services.Ask<ServiceChunk>(new GetService("MU"), Ask);

        Assert.Equal((2L, InstanceStatus.Down), (chunks.Version, Assert.Single(chunks.Instances).EffectiveStatus));
    }
}
