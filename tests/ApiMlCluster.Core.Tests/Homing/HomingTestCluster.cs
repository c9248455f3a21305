using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using ApiMlCluster.Core.Homing;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Core.Tests.Homing;

/// <summary>
/// ActorSystems in this process forming one cluster over loopback, each with an entity host of echo entities. There
/// is no downing: a killed member stays unreachable, so whatever the survivors serve, they serve before its removal.
/// </summary>
internal sealed class HomingTestCluster : IAsyncDisposable
{
    private const string SystemName = "homing-test";
    private readonly List<int> ports;

    private HomingTestCluster(List<int> ports) => this.ports = ports;

    public List<(ActorSystem System, IActorRef Host)> Members { get; } = [];

    public static async Task<HomingTestCluster> StartAsync(int size, int capacity)
    {
        var cluster = new HomingTestCluster([.. FreePorts.Take(capacity)]);
        for (var i = 0; i < size; i++)
        {
            cluster.Members.Add(cluster.StartMember(cluster.ports[i]));
        }

        await cluster.WaitAsync(size, unreachable: 0);
        return cluster;
    }

    public static string Node(ActorSystem system) => Akka.Cluster.Cluster.Get(system).SelfAddress.ToString();

    /// <summary>Starts one more member on the next free port and waits until every member sees it Up.</summary>
    public async Task<(ActorSystem System, IActorRef Host)> JoinAsync()
    {
        var member = StartMember(ports[Members.Count]);
        Members.Add(member);
        await WaitAsync(Members.Count, unreachable: 0);
        return member;
    }

    /// <summary>Ends a member without leaving the cluster (a killed process) and waits until the others see it unreachable.</summary>
    public async Task KillAsync(int index)
    {
        await Members[index].System.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        await WaitAsync(Members.Count, unreachable: 1);
    }

    private (ActorSystem, IActorRef) StartMember(int port)
    {
        var config = ConfigurationFactory.ParseString(string.Join("\n",
            "akka.loglevel = WARNING",
            "akka.actor.provider = cluster",
            "akka.actor.serialization-settings.strict = on",
            "akka.coordinated-shutdown.run-by-actor-system-terminate = off",
            "akka.coordinated-shutdown.exit-clr = off",
            "akka.remote.dot-netty.tcp.hostname = 127.0.0.1",
            $"akka.remote.dot-netty.tcp.port = {port}",
            $"akka.cluster.seed-nodes = [\"akka.tcp://{SystemName}@127.0.0.1:{ports[0]}\"]",
            "akka.cluster.failure-detector.heartbeat-interval = 500ms",
            "akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s",
            EchoSerializer.Hocon));
        var system = ActorSystem.Create(SystemName, config);
        var settings = new HomedEntitySettings(id => Props.Create(() => new EchoEntity(id)), m => (m as Where)?.Id, StopEcho.Instance, Role: null, TimeSpan.FromMinutes(10));
        return (system, HomedEntities.Start(system, "echoes", settings));
    }

    private async Task WaitAsync(int up, int unreachable)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var alive = Members.Where(m => !m.System.WhenTerminated.IsCompleted).ToList();
        while (!alive.All(m => Akka.Cluster.Cluster.Get(m.System).State is var state
                               && state.Members.Count(x => x.Status == MemberStatus.Up) == up
                               && state.Unreachable.Count == unreachable))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the test cluster did not reach {up} Up and {unreachable} unreachable members in 60 s");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(Members.Select(m => m.System.Terminate().WaitAsync(TimeSpan.FromSeconds(20))));
}
