using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Persistence.Sql;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.TestSupport;
using Microsoft.Data.Sqlite;

namespace ApiMlCluster.Auth.Tests.Support;

/// <summary>
/// Several ActorSystems in this process forming one cluster over loopback, each running the authentication actors as
/// haInstance <c>n0</c>, <c>n1</c>, ... over one shared SQLite journal (as the nodes of a local cluster share
/// <c>apiml.db</c>), so each replica reads every writer's journal. Messages between members go through the
/// context's serializer over real remoting (strict: no fallback), so a message it does not know fails here.
/// </summary>
internal sealed class AuthTestCluster : IAsyncDisposable
{
    private const string SystemName = "auth-test";

    private readonly List<ActorSystem> late = [];
    private readonly string connection;
    private readonly string seed;
    private readonly string hocon;
    private readonly TimeProvider clock;
    private readonly ReplicationSettings settings;
    private readonly IReadOnlyList<string> instances;

    private AuthTestCluster(IReadOnlyList<Member> members, string database, string connection, string seed, string hocon, TimeProvider clock, ReplicationSettings settings, IReadOnlyList<string> instances)
    {
        Members = members;
        Database = database;
        this.connection = connection;
        this.seed = seed;
        this.hocon = hocon;
        this.clock = clock;
        this.settings = settings;
        this.instances = instances;
    }

    /// <summary>The address every member joins through.</summary>
    public Address SeedAddress => Address.Parse(seed);

    public IReadOnlyList<Member> Members { get; }

    /// <summary>The SQLite file; a cluster started again on it is a cold restart.</summary>
    public string Database { get; }

    public sealed record Member(ActorSystem System, AuthActors Actors, AuthStores Stores)
    {
        public Task WhenReady(TimeSpan timeout) =>
            Task.WhenAll(Stores.Revocations.WhenReady, Stores.Rules.WhenReady, Stores.Sessions.WhenReady).WaitAsync(timeout);
    }

    /// <param name="hocon">Overrides applied over the test defaults, for example another journal plugin.</param>
    /// <param name="database">An existing database to start on (a cold restart); a new temporary file when null.</param>
    /// <param name="instances">The haInstance ids the replicas read; by default those of the members.</param>
    public static async Task<AuthTestCluster> StartAsync(
        int size, TimeProvider clock, ReplicationSettings? settings = null, string hocon = "", string? database = null, IReadOnlyList<string>? instances = null)
    {
        database ??= Path.Combine(Path.GetTempPath(), $"apiml-auth-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={database};Default Timeout=30";
        using (var sqlite = new SqliteConnection(connection))
        {
            sqlite.Open();
            using var wal = sqlite.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        var ports = FreePorts.Take(size);
        var seed = $"akka.tcp://{SystemName}@127.0.0.1:{ports[0]}";
        var systems = ports.Select(port => ActorSystem.Create(SystemName, Config(hocon, connection, port, seed))).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!systems.All(s => Akka.Cluster.Cluster.Get(s).State.Members.Count(x => x.Status == MemberStatus.Up) == size))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{size} test nodes did not form a cluster in 30 s");
            }

            await Task.Delay(100);
        }

        var names = instances ?? [.. Enumerable.Range(0, size).Select(i => $"n{i}")];
        var members = new List<Member>();
        for (var i = 0; i < systems.Count; i++)
        {
            var stores = new AuthStores();
            var actors = AuthActors.Start(systems[i], stores, settings ?? new ReplicationSettings(), clock, $"n{i}", names);
            members.Add(new Member(systems[i], actors, stores));
        }

        return new AuthTestCluster(members, database, connection, seed, hocon, clock, settings ?? new ReplicationSettings(), names);
    }

    /// <summary>
    /// A further node on the same database that has not joined (no seed nodes): a node that is starting. Start its
    /// actors with <see cref="StartActors"/> and join it with <c>Cluster.Join(SeedAddress)</c>; disposed with the cluster.
    /// </summary>
    public ActorSystem CreateUnjoinedSystem(string overrides = "")
    {
        var system = ActorSystem.Create(SystemName, ConfigurationFactory.ParseString(overrides).WithFallback(Config(hocon, connection, FreePorts.Take(1)[0], null)));
        late.Add(system);
        return system;
    }

    public Member StartActors(ActorSystem system, string instance)
    {
        var stores = new AuthStores();
        return new Member(system, AuthActors.Start(system, stores, settings, clock, instance, instances), stores);
    }

    private static Config Config(string hocon, string connection, int port, string? seed) =>
        ConfigurationFactory.ParseString(hocon).WithFallback(ConfigurationFactory.ParseString(string.Join("\n",
            "akka.loglevel = WARNING",
            "akka.actor.provider = cluster",
            // Not serialize-messages: the SQL journal's internal messages cannot be serialized. Messages between
            // members cross real remoting, and LogSerializerTests round-trips every manifest.
            "akka.actor.serialization-settings.strict = on",
            "akka.remote.dot-netty.tcp.hostname = 127.0.0.1",
            $"akka.remote.dot-netty.tcp.port = {port}",
            seed is null ? "akka.cluster.seed-nodes = []" : $"akka.cluster.seed-nodes = [\"{seed}\"]",
            "akka.persistence.journal.plugin = akka.persistence.journal.sql",
            "akka.persistence.snapshot-store.plugin = akka.persistence.snapshot-store.sql",
            "akka.persistence.journal.sql.provider-name = \"SQLite.MS\"",
            "akka.persistence.snapshot-store.sql.provider-name = \"SQLite.MS\"",
            "akka.persistence.journal.sql.auto-initialize = on",
            "akka.persistence.snapshot-store.sql.auto-initialize = on",
            "akka.persistence.journal.sql.replay-filter.mode = off",
            $"akka.persistence.journal.sql.connection-string = \"{connection}\"",
            $"akka.persistence.snapshot-store.sql.connection-string = \"{connection}\"",
            AuthSerializer.Hocon)).WithFallback(SqlPersistence.DefaultConfiguration));

    /// <summary>Set to keep the database after <see cref="DisposeAsync"/>, for a cold restart on it.</summary>
    public bool KeepDatabase { get; set; }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Members.Select(m => m.System).Concat(late).Select(s => s.Terminate().WaitAsync(TimeSpan.FromSeconds(20))));
        if (!KeepDatabase)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { Database, Database + "-wal", Database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
