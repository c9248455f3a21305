using Akka.Configuration;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Cluster;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Cluster;

public sealed class ClusterHoconTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    [Fact]
    public void Build_ThreeInstances_SeedsEveryInstanceInFileOrder()
    {
        var ports = Enumerable.Range(40000, 12).ToArray();
        var config = Build(ZoweYaml.ThreeNodes(ports), "lpar2");

        Assert.Equal(
            ["akka.ssl.tcp://apiml-test@localhost:40003", "akka.ssl.tcp://apiml-test@localhost:40007", "akka.ssl.tcp://apiml-test@localhost:40011"],
            config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(40007, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal("localhost", config.GetString("akka.remote.dot-netty.tcp.public-hostname"));
        Assert.Equal(["apiml", "ha-instance:lpar2"], config.GetStringList("akka.cluster.roles"));
    }

    [Fact]
    public void Build_BindPort_ListensThereAndAdvertisesClusterPortToPeers()
    {
        var config = Build(ZoweYaml.SingleNode([1, 2, 3, 4], extra: "  bindPort: 5"), null);

        Assert.Equal(5, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(4, config.GetInt("akka.remote.dot-netty.tcp.public-port"));
        Assert.Equal(["akka.ssl.tcp://apiml-test@localhost:4"], config.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void Build_Always_RunsRemotingOverTlsWithStrictSerializationAndKeepMajority()
    {
        var config = Build(ZoweYaml.SingleNode([1, 2, 3, 4]), null);

        Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        Assert.False(config.GetBoolean("akka.actor.serialization-settings.allow-unregistered-types"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal("ddata", config.GetString("akka.cluster.sharding.state-store-mode"));
        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
    }

    [Theory]
    [InlineData("fast", 3)]
    [InlineData("standard", 20)]
    public void Build_FailoverProfile_SetsHowLongTheResolverWaits(string profile, double stableAfterSeconds)
    {
        var config = Build(ZoweYaml.SingleNode([1, 2, 3, 4], extra: $"  failover: {profile}"), null);

        Assert.Equal(TimeSpan.FromSeconds(stableAfterSeconds), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
    }

    [Fact]
    public void Build_Sqlite_PointsJournalSnapshotsAndQueriesAtTheWorkspaceDatabase()
    {
        var config = Build(ZoweYaml.SingleNode([1, 2, 3, 4]), null);
        var expected = $"Data Source={temp.Root}/workspace/data/apiml.db;Default Timeout=30";

        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(expected, config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal(expected, config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal(expected, config.GetString("akka.persistence.query.journal.sql.connection-string"));
    }

    [Fact]
    public void Build_PostgreSql_UsesThePostgreSqlProviderAndKeepsTheConnectionStringVerbatim()
    {
        const string connection = "Host=db;Database=apiml;Username=apiml;Password=p\"a}s${s;";
        var yaml = ZoweYaml.SingleNode([1, 2, 3, 4], extra: $"  persistence:\n    provider: postgresql\n    connectionString: '{connection}'");
        var config = Build(yaml, null);

        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(connection, config.GetString("akka.persistence.journal.sql.connection-string"));
    }

    [Fact]
    public void Build_OperatorOverridesFile_WinsOverEverything()
    {
        temp.WriteFile("override.conf", "akka.cluster.split-brain-resolver.stable-after = 7s\nakka.loglevel = DEBUG");
        var config = Build(ZoweYaml.SingleNode([1, 2, 3, 4], extra: "  failover: fast\n  akka:\n    config: override.conf"), null);

        Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal("DEBUG", config.GetString("akka.loglevel"));
    }

    [Fact]
    public void Build_InvalidOverridesFile_NamesTheKey()
    {
        temp.WriteFile("broken.conf", "akka.loglevel = ${undefined.value}");

        var error = Assert.Throws<ConfigException>(() => Build(ZoweYaml.SingleNode([1, 2, 3, 4], extra: "  akka:\n    config: broken.conf"), null));

        Assert.Equal("cluster.akka.config", error.Key);
    }

    [Fact]
    public void NodeBlock_HostileConnectionString_CannotInjectHocon()
    {
        const string hostile = "Host=db\"\nakka.loglevel = DEBUG\nx=\"";
        var yaml = ZoweYaml.SingleNode([1, 2, 3, 4], extra: "  persistence:\n    provider: postgresql\n    connectionString: \"Host=db\\\"\\nakka.loglevel = DEBUG\\nx=\\\"\"");
        var config = ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), null);

        var parsed = ConfigurationFactory.ParseString(ClusterHocon.NodeBlock(config));

        Assert.Equal(hostile, config.Cluster.Persistence.ConnectionString);
        Assert.Equal(hostile, parsed.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.False(parsed.HasPath("akka.loglevel"));
    }

    public void Dispose() => temp.Dispose();

    private Config Build(string yaml, string? instance) =>
        ClusterHocon.Build(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), instance), ClusterHocon.DefaultHoconDirectory);
}
