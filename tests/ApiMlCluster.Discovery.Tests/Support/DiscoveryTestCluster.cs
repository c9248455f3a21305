using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Persistence.Sql;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.TestSupport;
using Microsoft.Data.Sqlite;

namespace ApiMlCluster.Discovery.Tests.Support;

/// <summary>
/// Several ActorSystems in this process forming one cluster over loopback, each running the discovery actors.
/// They share one SQLite journal, as nodes on one host do, so an entity that moves to another member recovers
/// what the old one journaled.
/// </summary>
internal sealed class DiscoveryTestCluster : IAsyncDisposable
{
    private const string SystemName = "discovery-test";
    private readonly string directory;
    private readonly TimeProvider clock;
    private readonly RegistrySettings settings;
    private readonly List<Member> members = [];
    private readonly List<int> ports;

    private DiscoveryTestCluster(string directory, TimeProvider clock, RegistrySettings settings, List<int> ports)
    {
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.ports = ports;
    }

    public IReadOnlyList<Member> Members => members;

    public sealed record Member(int Port, ActorSystem System, DiscoveryActors Actors, RegistrySnapshot Snapshot);

    public static async Task<DiscoveryTestCluster> StartAsync(int size, TimeProvider clock, RegistrySettings? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "apiml-discovery-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "journal.db")}"))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        var cluster = new DiscoveryTestCluster(directory, clock, settings ?? new RegistrySettings(), [.. FreePorts.Take(size)]);
        foreach (var port in cluster.ports)
        {
            cluster.members.Add(cluster.StartMember(port));
        }

        await cluster.WaitForUpAsync(size);
        return cluster;
    }

    /// <summary>Starts a member again on the port of a stopped one (a restarted node).</summary>
    public async Task<Member> RestartAsync(int index)
    {
        var member = StartMember(members[index].Port);
        members[index] = member;
        await WaitForUpAsync(members.Count);
        return member;
    }

    /// <summary>Ends a member without leaving the cluster, as a killed process would; the others down it.</summary>
    public async Task KillAsync(int index) =>
        await members[index].System.Terminate().WaitAsync(TimeSpan.FromSeconds(20));

    private Member StartMember(int port)
    {
        var seed = $"akka.tcp://{SystemName}@127.0.0.1:{ports[0]}";
        var connection = $"Data Source={Path.Combine(directory, "journal.db")}";
        var config = ConfigurationFactory.ParseString(string.Join("\n",
            "akka.loglevel = WARNING",
            "akka.actor.provider = cluster",
            // Not serialize-messages: the SQL journal's own internal messages cannot be serialized. Messages between
            // members are (strict serialization, no fallback), and DiscoverySerializerTests round-trips every manifest.
            "akka.actor.serialization-settings.strict = on",
            "akka.coordinated-shutdown.run-by-actor-system-terminate = off",
            "akka.coordinated-shutdown.exit-clr = off",
            "akka.remote.dot-netty.tcp.hostname = 127.0.0.1",
            $"akka.remote.dot-netty.tcp.port = {port}",
            $"akka.cluster.seed-nodes = [\"{seed}\"]",
            "akka.cluster.downing-provider-class = \"Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster\"",
            "akka.cluster.split-brain-resolver.active-strategy = keep-majority",
            "akka.cluster.split-brain-resolver.stable-after = 1s",
            "akka.cluster.down-removal-margin = 250ms",
            "akka.cluster.failure-detector.heartbeat-interval = 500ms",
            "akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s",
            "akka.cluster.sharding.state-store-mode = ddata",
            "akka.cluster.sharding.distributed-data.durable.keys = []",
            "akka.cluster.sharding.retry-interval = 500ms",
            "akka.persistence.journal.plugin = akka.persistence.journal.sql",
            "akka.persistence.snapshot-store.plugin = akka.persistence.snapshot-store.sql",
            "akka.persistence.journal.sql.provider-name = \"SQLite.MS\"",
            "akka.persistence.snapshot-store.sql.provider-name = \"SQLite.MS\"",
            "akka.persistence.journal.sql.auto-initialize = on",
            "akka.persistence.snapshot-store.sql.auto-initialize = on",
            $"akka.persistence.journal.sql.connection-string = \"{connection}\"",
            $"akka.persistence.snapshot-store.sql.connection-string = \"{connection}\"",
            DiscoverySerializer.Hocon)).WithFallback(SqlPersistence.DefaultConfiguration);
        var system = ActorSystem.Create(SystemName, config);
        var snapshot = new RegistrySnapshot(clock, settings.DeltaRetention);
        var actors = DiscoveryActors.Start(system, snapshot, settings, clock, role: null);
        return new Member(port, system, actors, snapshot);
    }

    private async Task WaitForUpAsync(int size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!members.Where(m => !m.System.WhenTerminated.IsCompleted)
                   .All(m => Akka.Cluster.Cluster.Get(m.System).State.Members.Count(x => x.Status == MemberStatus.Up) == size
                             && Akka.Cluster.Cluster.Get(m.System).State.Unreachable.Count == 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{size} test nodes did not form a cluster in 60 s");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(members.Select(m => m.System.Terminate().WaitAsync(TimeSpan.FromSeconds(20))));
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A journal file still held open by a pool thread; the temp folder is cleaned by the OS.
        }
    }
}
