using Akka.Actor;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Discovery.Tests.Support;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Discovery.Tests.ReadModel;

/// <summary>Three members: what one learns, every member's snapshot shows, also after a member is lost or missed a push.</summary>
public sealed class RegistryReplicationTests : IAsyncLifetime
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(20);
    // Small sync pages, so that a restarted member copies the registry over several pages.
    private readonly RegistrySettings settings = new() { EvictionInterval = TimeSpan.FromMilliseconds(200), BeaconInterval = TimeSpan.FromSeconds(1), SyncPageBytes = 4 * 1024 };
    private DiscoveryTestCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await DiscoveryTestCluster.StartAsync(3, TimeProvider.System, settings);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Register_AtOneMember_ReachesEveryMembersSnapshotWithinOneSecond()
    {
        await cluster.Members[0].Actors.Services.Ask<RegistryAck>(new Register("ALPHA", Instances.Of("alpha")), Ask);

        await Eventually.TrueAsync(() => cluster.Members.All(m => m.Snapshot.Current.Find("alpha") is not null), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task RestartedMember_CopiesTheRegistryFromAPeer()
    {
        for (var i = 0; i < 20; i++)
        {
            await cluster.Members[0].Actors.Services.Ask<RegistryAck>(new Register($"SVC{i}", Instances.Of($"svc{i}")), Ask);
        }

        await cluster.KillAsync(2);
        var restarted = await cluster.RestartAsync(2);

        await Eventually.TrueAsync(() => restarted.Snapshot.IsReady && restarted.Snapshot.Current.InstanceCount == 20, because: "restarted member has all 20 services");
    }

    [Fact]
    public async Task MissedChange_IsRepairedFromTheEntity()
    {
        var services = cluster.Members[0].Actors.Services;
        await services.Ask<RegistryAck>(new Register("BETA", Instances.Of("beta", port: 1)), Ask);
        await Eventually.TrueAsync(() => cluster.Members[1].Snapshot.Current.Find("beta") is not null);

        // A change that skips versions: the replica cannot apply it and must re-read the service.
        cluster.Members[1].System.ActorSelection("/user/" + RegistryReplica.Name).Tell(new InstanceChanged("BETA", 7, Instances.Of("beta", port: 99), null));
        await services.Ask<RegistryAck>(new Register("BETA", Instances.Of("beta", port: 2)), Ask);

        await Eventually.TrueAsync(() => cluster.Members[1].Snapshot.Current.Find("beta") is { Version: 2, Instances.Count: 2 });
    }

    [Fact]
    public async Task KilledMember_ItsServicesStayListedAndRenewalsElsewhereKeepThemAlive()
    {
        var instance = Instances.Of("gamma", leaseSeconds: 4);
        await cluster.Members[0].Actors.Services.Ask<RegistryAck>(new Register("GAMMA", instance), Ask);
        var host = await HostOfAsync("GAMMA");
        var survivor = cluster.Members.First(m => m.Port != host.Port);

        await cluster.KillAsync(cluster.Members.ToList().IndexOf(host));
        var holder = new DiscoveryActorsHolder();
        holder.Set(survivor.Actors);
        var writer = new RegistryWriter(holder, survivor.Snapshot);
        var renewedUntil = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < renewedUntil)
        {
            // As the HTTP endpoint does: resent every 3 s, since a renewal handed to the killed member is lost; never "not found".
            Assert.NotEqual(RegistryOutcome.NotFound, await writer.SendAsync(new Renew("GAMMA", instance.InstanceId, null), CancellationToken.None));
            Assert.NotNull(survivor.Snapshot.Current.Find("gamma"));
            await Task.Delay(1000);
        }

        Assert.Equal(RegistryOutcome.Done, await writer.SendAsync(new Renew("GAMMA", instance.InstanceId, null), CancellationToken.None));
    }

    private async Task<DiscoveryTestCluster.Member> HostOfAsync(string app)
    {
        foreach (var member in cluster.Members)
        {
            try
            {
                await member.System.ActorSelection($"/system/sharding/{ServiceShards.TypeName}/*/{app}").ResolveOne(TimeSpan.FromSeconds(1));
                return member;
            }
            catch (ActorNotFoundException)
            {
            }
        }

        throw new InvalidOperationException($"no member hosts {app}");
    }
}
