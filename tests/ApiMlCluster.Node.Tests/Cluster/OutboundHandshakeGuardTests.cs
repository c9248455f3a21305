using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster;
using Akka.Configuration;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Cluster;
using ApiMlCluster.Node.Persistence;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace ApiMlCluster.Node.Tests.Cluster;

/// <summary>
/// A node whose outbound remoting TLS handshake fails: Akka.NET 1.5 starts CoordinatedShutdown for it. The peer here
/// is a listener that accepts the connection and resets it unanswered, what a node in its last moments does.
/// </summary>
public sealed class OutboundHandshakeGuardTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING", output), IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempWorkspace temp = new();
    private readonly List<ActorSystem> systems = [];
    private readonly CancellationTokenSource hostStopping = new();
    private readonly TcpListener dyingPeer = new(IPAddress.Loopback, 0);
    private NodeConfig[] nodes = [];
    private TlsMaterial tls = null!;

    public async Task InitializeAsync()
    {
        var file = temp.WriteFile("zowe.yaml", ZoweYaml.ThreeNodes(FreePorts.Take(12)));
        nodes = new[] { "lpar1", "lpar2" }.Select(id => ZoweConfigLoader.Load(file, id)).ToArray();
        await DevelopmentCertificates.EnsureAsync(nodes[0], TimeProvider.System, default);
        SqliteStore.Prepare(nodes[0].Cluster.Persistence.ConnectionString);
        tls = TlsMaterialLoader.Load(nodes[0].Certificate);
        dyingPeer.Start();
        _ = ResetEveryConnectionAsync();
    }

    public async Task DisposeAsync()
    {
        await hostStopping.CancelAsync();
        await Task.WhenAll(systems.Select(s => s.Terminate().WaitAsync(TimeSpan.FromSeconds(20))));
        dyingPeer.Stop();
        hostStopping.Dispose();
        tls.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task UpNode_KeepsRunningAfterAFailedOutboundHandshake_AndLeavesWhenTheHostStops()
    {
        var system = await StartUpAsync(nodes[0]);
        var guard = Guard(system);
        var removed = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberRemoved(() => removed.TrySetResult());

        DialDyingPeer(system);
        await AwaitConditionAsync(() => Task.FromResult(guard.Held), Patience);

        Assert.Equal("Akka.Remote.Transport.DotNetty.TlsHandshakeFailureReason", CoordinatedShutdown.Get(system).ShutdownReason?.GetType().FullName);
        Assert.Equal(MemberStatus.Up, Akka.Cluster.Cluster.Get(system).SelfMember.Status);
        Assert.False(system.WhenTerminated.IsCompleted);
        var alive = await system.ActorSelection("/system").Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(5));
        Assert.NotNull(alive.Subject);

        await hostStopping.CancelAsync();

        await removed.Task.WaitAsync(Patience);
        await system.WhenTerminated.WaitAsync(Patience);
        Assert.False(guard.DownedWhileHeld);
    }

    [Fact]
    public async Task NodeThatIsNotUp_StopsOnAFailedOutboundHandshake()
    {
        // Its only seed is the listener that never answers TLS: what a wrong truststore looks like at first start.
        var system = StartNode(nodes[0], $"akka.cluster.seed-nodes = [\"akka.ssl.tcp://{nodes[0].Cluster.Name}@127.0.0.1:{DyingPeerPort}\"]");
        var guard = Guard(system);

        await system.WhenTerminated.WaitAsync(Patience);

        Assert.False(guard.Held);
        Assert.Equal("Akka.Remote.Transport.DotNetty.TlsHandshakeFailureReason", CoordinatedShutdown.Get(system).ShutdownReason?.GetType().FullName);
    }

    [Fact]
    public async Task HeldNode_StopsWhenTheClusterDownsIt()
    {
        var first = await StartUpAsync(nodes[0]);
        var second = await StartUpAsync(nodes[1]);
        var guard = Guard(second);
        DialDyingPeer(second);
        await AwaitConditionAsync(() => Task.FromResult(guard.Held), Patience);

        Akka.Cluster.Cluster.Get(first).Down(Akka.Cluster.Cluster.Get(second).SelfAddress);

        await second.WhenTerminated.WaitAsync(Patience);
        Assert.True(guard.DownedWhileHeld);
        Assert.False(first.WhenTerminated.IsCompleted);
    }

    private int DyingPeerPort => ((IPEndPoint)dyingPeer.LocalEndpoint).Port;

    private OutboundHandshakeGuard Guard(ActorSystem system) =>
        OutboundHandshakeGuard.Install(system, tls.ServerCertificate, TimeProvider.System, NullLogger.Instance, hostStopping.Token);

    /// <summary>Any message to an address makes remoting open a connection to it.</summary>
    private void DialDyingPeer(ActorSystem system) =>
        system.ActorSelection($"akka.ssl.tcp://{nodes[0].Cluster.Name}@127.0.0.1:{DyingPeerPort}/user/anyone").Tell("hello");

    private async Task<ActorSystem> StartUpAsync(NodeConfig node)
    {
        var system = StartNode(node);
        var up = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(Patience);
        return system;
    }

    private ActorSystem StartNode(NodeConfig node, string overrides = "")
    {
        var hocon = ConfigurationFactory.ParseString($"""
                akka.loglevel = WARNING
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                {overrides}
                """)
            .WithFallback(ClusterHocon.Build(node, ClusterHocon.DefaultHoconDirectory));
        var system = ActorSystem.Create(node.Cluster.Name, ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(hocon), ClusterTls.Setup(tls, NodeKeys.For(node, tls))));
        systems.Add(system);
        return system;
    }

    private async Task ResetEveryConnectionAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await dyingPeer.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            // Linger 0: the close sends a reset, as the kernel does for a process that exits mid-handshake.
            connection.LingerState = new LingerOption(true, 0);
            connection.Close();
        }
    }
}
