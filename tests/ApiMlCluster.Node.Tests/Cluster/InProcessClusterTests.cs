using System.Diagnostics;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using ApiMlCluster.Node.Cluster;
using ApiMlCluster.Node.Cluster.Membership;
using ApiMlCluster.Node.Persistence;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Xunit.Abstractions;

namespace ApiMlCluster.Node.Tests.Cluster;

/// <summary>
/// Three ActorSystems in one process, configured exactly as three haInstances of one zowe.yaml (generated HOCON,
/// fast failover, mutual-TLS remoting, one shared SQLite journal), forming a cluster and surviving a crash.
/// </summary>
public sealed class InProcessClusterTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING", output), IAsyncLifetime
{
    private const string TestOverrides = """
        akka.loglevel = WARNING
        # A terminated system vanishes without leaving the cluster, like a process killed with SIGKILL.
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """;

    private readonly TempWorkspace temp = new();
    private readonly List<ActorSystem> systems = [];
    private NodeConfig[] nodes = [];
    private TlsMaterial tls = null!;

    public async Task InitializeAsync()
    {
        var file = temp.WriteFile("zowe.yaml", ZoweYaml.ThreeNodes(FreePorts.Take(12)));
        nodes = new[] { "lpar1", "lpar2", "lpar3" }.Select(id => ZoweConfigLoader.Load(file, id)).ToArray();
        await DevelopmentCertificates.EnsureAsync(nodes[0], TimeProvider.System, default);
        SqliteStore.Prepare(nodes[0].Cluster.Persistence.ConnectionString);
        tls = TlsMaterialLoader.Load(nodes[0].Certificate);

        systems.AddRange(nodes.Select(n => StartNode(n, tls)));
        await AwaitAssertAsync(
            () => Assert.All(systems, s => Assert.Equal(3, Akka.Cluster.Cluster.Get(s).State.Members.Count(m => m.Status == MemberStatus.Up))),
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(250));
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(systems.Select(s => s.Terminate().WaitAsync(TimeSpan.FromSeconds(20))));
        tls.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void ThreeHaInstances_FormOneClusterThatKnowsWhichInstanceEachMemberIs()
    {
        foreach (var system in systems)
        {
            var roles = Akka.Cluster.Cluster.Get(system).State.Members.SelectMany(m => m.Roles).Where(r => r.StartsWith("ha-instance:", StringComparison.Ordinal));
            Assert.Equal(["ha-instance:lpar1", "ha-instance:lpar2", "ha-instance:lpar3"], roles.Order());
        }
    }

    [Fact]
    public async Task CrashOfTheNodeHostingAnEntity_SurvivorsRemoveItAndTheEntityComesBackWithItsState()
    {
        var region = Region(systems[0]);
        CounterValue value = null!;
        foreach (var by in new[] { 1, 2, 3 })
        {
            value = await region.Ask<CounterValue>(new ShardingEnvelope("orders", new Increment(by)), TimeSpan.FromSeconds(10));
        }

        var victim = systems.Single(s => Akka.Cluster.Cluster.Get(s).SelfAddress.ToString() == value.Host);
        var victimAddress = Akka.Cluster.Cluster.Get(victim).SelfAddress;
        var survivors = systems.Where(s => s != victim).ToList();
        var clock = Stopwatch.StartNew();

        await victim.Terminate();
        await AwaitAssertAsync(
            () => Assert.All(survivors, s => Assert.DoesNotContain(Akka.Cluster.Cluster.Get(s).State.Members, m => m.Address == victimAddress)),
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(100));
        var removedAfter = clock.Elapsed;

        var recovered = await AwaitResultAsync(() => Region(survivors[0]).Ask<CounterValue>(new ShardingEnvelope("orders", new GetValue()), TimeSpan.FromSeconds(3)));
        Output?.WriteLine($"victim removed after {removedAfter.TotalSeconds:F1} s; entity answered again after {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(6, recovered.Value);
        Assert.NotEqual(victimAddress.ToString(), recovered.Host);
    }

    [Fact]
    public async Task NodeWithACertificateFromAnotherAuthority_CannotJoin()
    {
        using var elsewhere = new TempWorkspace();
        var strangerPorts = FreePorts.Take(4);
        var strangerFile = elsewhere.WriteFile("zowe.yaml", ZoweYaml.SingleNode(strangerPorts));
        var stranger = ZoweConfigLoader.Load(strangerFile, null) with { Peers = nodes[0].Peers.Append(new ClusterPeer("stranger", "localhost", strangerPorts[3])).ToList() };
        await DevelopmentCertificates.EnsureAsync(stranger, TimeProvider.System, default);
        using var strangerTls = TlsMaterialLoader.Load(stranger.Certificate);

        var warnings = WarningsOf(systems);

        var system = StartNode(stranger, strangerTls);
        // Either side may refuse first: the stranger does not trust the nodes' certificates either.
        system.EventStream.Subscribe(warnings.Ref, typeof(Warning));
        systems.Add(system);
        warnings.FishForMessage<Warning>(w => w.Message.ToString()!.Contains("is not trusted by the truststore", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.NotEqual(MemberStatus.Up, Akka.Cluster.Cluster.Get(system).SelfMember.Status);
        Assert.All(systems.Take(3), s => Assert.Equal(3, Akka.Cluster.Cluster.Get(s).State.Members.Count));
    }

    [Fact]
    public void ServiceCertificateOfTheSameAuthorityWithTheNodesSubject_IsRefusedAtTheHandshake()
    {
        // What `apiml certs new-service --cn localhost` gives any onboarded service: the node's CA and subject, another key.
        var output = Path.Combine(temp.Root, "lookalike");
        DevelopmentCertificates.IssueServiceCertificate(DevelopmentCertificates.KeystoreRoot(nodes[0].WorkspaceDirectory), "localhost", [], output, TimeProvider.System);
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(output, "localhost.pem"), Path.Combine(output, "localhost.key"));
        Assert.Equal(tls.ServerCertificate.Subject, pem.Subject);
        using var lookalike = new TlsMaterial(X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null), [], tls.TrustAnchors);
        // Whichever seed node the attacker reaches refuses it.
        var warnings = WarningsOf(systems);

        var attacker = StartNode(Stranger(FreePorts.Take(1)[0]), lookalike);
        systems.Add(attacker);

        warnings.FishForMessage<Warning>(w => w.Message.ToString()!.Contains("is not a node key", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.NotEqual(MemberStatus.Up, Akka.Cluster.Cluster.Get(attacker).SelfMember.Status);
        Assert.All(systems.Take(3), s => Assert.Equal(3, Akka.Cluster.Cluster.Get(s).State.Members.Count));
    }

    [Fact]
    public async Task NodeKeyAtAnAddressNoHaInstanceNames_IsDownedRightAfterItJoins()
    {
        var stranger = StartNode(Stranger(FreePorts.Take(1)[0]), tls);
        systems.Add(stranger);
        var removed = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(stranger).RegisterOnMemberRemoved(() => removed.TrySetResult());

        await removed.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await AwaitAssertAsync(
            () => Assert.All(systems.Take(3), s => Assert.Equal(3, Akka.Cluster.Cluster.Get(s).State.Members.Count)),
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void DefaultJsonSerializer_RefusesAPayloadThatNamesItsType()
    {
        // The bytes a peer would send with Akka's stock Newtonsoft serializer (identifier 1, "$type" inside).
        var stock = new Akka.Serialization.NewtonSoftJsonSerializer((ExtendedActorSystem)Sys);
        var payload = stock.ToBinary(new List<string> { "gadget" });

        var refused = Assert.ThrowsAny<Exception>(() => systems[0].Serialization.Deserialize(payload, 1, typeof(object)));

        Assert.Contains("refused", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>An effective config for a fourth node that lists itself beside the three, which do not list it.</summary>
    private NodeConfig Stranger(int clusterPort) =>
        nodes[0] with
        {
            HaInstanceId = "stranger",
            Cluster = nodes[0].Cluster with { Port = clusterPort },
            Peers = nodes[0].Peers.Append(new ClusterPeer("stranger", "localhost", clusterPort)).ToList(),
        };

    /// <summary>One probe that receives the warnings of every given system.</summary>
    private Akka.TestKit.TestProbe WarningsOf(IEnumerable<ActorSystem> sources)
    {
        var probe = CreateTestProbe();
        foreach (var source in sources.ToList())
        {
            source.EventStream.Subscribe(probe.Ref, typeof(Warning));
        }

        return probe;
    }

    private static IActorRef Region(ActorSystem system) => ClusterSharding.Get(system).ShardRegion("counter");

    private static ActorSystem StartNode(NodeConfig node, TlsMaterial material)
    {
        var hocon = ConfigurationFactory.ParseString(TestOverrides + "\n" + CounterSerializer.Hocon)
            .WithFallback(ClusterHocon.Build(node, ClusterHocon.DefaultHoconDirectory));
        var system = ActorSystem.Create(node.Cluster.Name, ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(hocon), ClusterTls.Setup(material, NodeKeys.For(node, material))));
        system.ActorOf(MemberAdmission.Props(node.Peers), "member-admission");
        ClusterSharding.Get(system).Start("counter", id => Props.Create(() => new Counter(id)), ClusterShardingSettings.Create(system), new CounterShards());
        return system;
    }

    /// <summary>Messages arrive in <see cref="ShardingEnvelope"/>s, which sharding unwraps itself.</summary>
    private sealed class CounterShards() : HashCodeMessageExtractor(30)
    {
        public override string? EntityId(object message) => null;
    }

    private static async Task<T> AwaitResultAsync<T>(Func<Task<T>> attempt)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < deadline)
            {
                // The shard is being re-homed: sharding buffers and retries, the ask just expired first.
            }
        }
    }
}
