using Akka.Actor;
using Akka.Configuration;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Cluster;
using ApiMlCluster.Node.Persistence;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Npgsql;

namespace ApiMlCluster.Node.Tests.Persistence;

/// <summary>
/// Events persisted by one ActorSystem are recovered by a new one on the same store: what a full-cluster
/// restart relies on. Runs the node's real persistence HOCON against SQLite and a real PostgreSQL server
/// (started by scripts/test, which passes its connection string in APIML_TEST_POSTGRES).
/// </summary>
public sealed class PersistenceRoundTripTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public async Task Sqlite_EventsPersistedBeforeARestart_AreRecoveredAfterIt()
    {
        var config = Load(string.Empty);
        SqliteStore.Prepare(config.Cluster.Persistence.ConnectionString);

        await AssertRoundTripAsync(config);
    }

    [Fact]
    public async Task Sqlite_SeveralNodesWritingOneFileAtOnce_LoseNoEvent()
    {
        var config = Load(string.Empty);
        SqliteStore.Prepare(config.Cluster.Persistence.ConnectionString);
        var hocon = LocalHocon(config);
        var writers = Enumerable.Range(0, 3).Select(i => ActorSystem.Create($"writer-{i}", hocon)).ToList();
        var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid().ToString("N")).ToList();

        try
        {
            // Each node owns four counters and writes 50 events to each, all at the same time.
            await Task.WhenAll(ids.Select(async (id, n) =>
            {
                var counter = writers[n % 3].ActorOf(Props.Create(() => new Counter(id)));
                for (var i = 0; i < 50; i++)
                {
                    await counter.Ask<CounterValue>(new Increment(1), TimeSpan.FromSeconds(30));
                }
            }));
        }
        finally
        {
            await Task.WhenAll(writers.Select(w => w.Terminate()));
        }

        var reader = ActorSystem.Create("reader", hocon);
        try
        {
            var values = await Task.WhenAll(ids.Select(id => reader.ActorOf(Props.Create(() => new Counter(id))).Ask<CounterValue>(new GetValue(), TimeSpan.FromSeconds(30))));
            Assert.All(values, v => Assert.Equal(50, v.Value));
        }
        finally
        {
            await reader.Terminate();
        }
    }

    [Fact]
    public async Task Sqlite_AnEntityThatMovedToAnotherNodeAndBack_RecoversEveryEvent()
    {
        // The SQL journal stamps each event with its own writer id, one per node process, so an entity that lives on
        // node A, then B (failover, rebalance), then A again leaves A, B, A in the journal. Akka's default replay filter
        // takes the second run of A for a stale writer and drops it: acknowledged writes gone (the chaos suite's loss).
        var config = Load(string.Empty);
        SqliteStore.Prepare(config.Cluster.Persistence.ConnectionString);
        var hocon = LocalHocon(config);
        var id = Guid.NewGuid().ToString("N");
        var nodeA = ActorSystem.Create("node-a", hocon);
        var nodeB = ActorSystem.Create("node-b", hocon);
        try
        {
            await IncrementAsync(nodeA, id, 1, 2);
            await IncrementAsync(nodeB, id, 4);
            await IncrementAsync(nodeA, id, 8);

            var recovered = await nodeB.ActorOf(Props.Create(() => new Counter(id))).Ask<CounterValue>(new GetValue(), TimeSpan.FromSeconds(20));

            Assert.Equal(15, recovered.Value);
        }
        finally
        {
            await Task.WhenAll(nodeA.Terminate(), nodeB.Terminate());
        }
    }

    [Fact]
    public async Task PostgreSql_EventsPersistedBeforeARestart_AreRecoveredAfterIt()
    {
        var connection = Environment.GetEnvironmentVariable("APIML_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(connection), "APIML_TEST_POSTGRES is not set: run the tests with scripts/test, which starts a PostgreSQL server");
        var config = Load($"  persistence:\n    provider: postgresql\n    connectionString: \"{connection}\"");

        await AssertRoundTripAsync(config);

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('journal', 'snapshot', 'tags')", db);
        Assert.Equal(3L, (long)(await tables.ExecuteScalarAsync())!);
    }

    [Fact]
    public void Sqlite_InMemoryDatabase_IsRefusedNamingTheKey()
    {
        var error = Assert.Throws<ConfigException>(() => SqliteStore.Prepare("Data Source=apiml;Mode=Memory"));

        Assert.Equal("cluster.persistence.connectionString", error.Key);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        temp.Dispose();
    }

    private async Task AssertRoundTripAsync(NodeConfig config)
    {
        var id = Guid.NewGuid().ToString("N");
        var hocon = LocalHocon(config);

        var first = ActorSystem.Create("persistence-a", hocon);
        var counter = first.ActorOf(Props.Create(() => new Counter(id)));
        for (var i = 1; i <= 5; i++)
        {
            await counter.Ask<CounterValue>(new Increment(i), TimeSpan.FromSeconds(20));
        }

        await first.Terminate();

        var second = ActorSystem.Create("persistence-b", hocon);
        try
        {
            var recovered = await second.ActorOf(Props.Create(() => new Counter(id))).Ask<CounterValue>(new GetValue(), TimeSpan.FromSeconds(20));
            Assert.Equal(15, recovered.Value);
        }
        finally
        {
            await second.Terminate();
        }
    }

    /// <summary>Starts the counter on <paramref name="node"/>, applies the increments and stops it again, as a shard hand-off would.</summary>
    private async Task IncrementAsync(ActorSystem node, string id, params long[] increments)
    {
        var counter = node.ActorOf(Props.Create(() => new Counter(id)));
        foreach (var by in increments)
        {
            await counter.Ask<CounterValue>(new Increment(by), TimeSpan.FromSeconds(20));
        }

        var watcher = CreateTestProbe(node);
        watcher.Watch(counter);
        counter.Tell(PoisonPill.Instance);
        await watcher.ExpectTerminatedAsync(counter, TimeSpan.FromSeconds(20));
    }

    /// <summary>The node's real persistence configuration on a local (non-cluster) ActorSystem.</summary>
    private static Config LocalHocon(NodeConfig config) =>
        ConfigurationFactory.ParseString("akka.actor.provider = local\n" + CounterSerializer.Hocon)
            .WithFallback(ClusterHocon.Build(config, ClusterHocon.DefaultHoconDirectory));

    private NodeConfig Load(string clusterExtra) =>
        ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(FreePorts.Take(4), extra: clusterExtra)), null);
}
