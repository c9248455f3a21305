using System.Text;
using System.Text.Json;
using Akka.Configuration;
using Akka.Persistence.Sql;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Homing;

namespace ApiMlCluster.Node.Cluster;

/// <summary>
/// Builds the node's Akka configuration from its effective zowe.yaml: a generated block for what differs per
/// node (remoting address, seed nodes from the haInstances, roles, connection strings) layered over the
/// HOCON files of cluster-config/akka, with the operator's own file (cluster.akka.config) on top.
/// </summary>
internal static class ClusterHocon
{
    /// <summary>Role carrying the ha-instance id, so every member can tell which zowe.yaml instance a peer is.</summary>
    public const string HaInstanceRolePrefix = "ha-instance:";

    public const string NodeRole = "apiml";

    public static string DefaultHoconDirectory => Path.Combine(AppContext.BaseDirectory, "akka");

    public static Config Build(NodeConfig node, string hoconDirectory)
    {
        var layers = new List<Config>();
        if (node.Cluster.AkkaOverridesFile is { } overrides)
        {
            layers.Add(ReadFile(overrides, "cluster.akka.config"));
        }

        layers.Add(ConfigurationFactory.ParseString(NodeBlock(node)));
        layers.Add(ReadFile(Path.Combine(hoconDirectory, $"failover-{node.Cluster.Failover.ToString().ToLowerInvariant()}.conf"), "cluster.failover"));
        layers.Add(ReadFile(Path.Combine(hoconDirectory, PersistenceFile(node.Cluster.Persistence.Provider)), "cluster.persistence.provider"));
        layers.Add(ReadFile(Path.Combine(hoconDirectory, "base.conf"), "cluster"));
        layers.Add(SqlPersistence.DefaultConfiguration);
        // Loaded up front, not injected when the extensions start: two extensions injecting their fallbacks at once
        // can lose one, and strict serialization then refused sharding's own remember-entities events (discovery
        // registrations answered 503 for a node's whole life, CI of 2026-12-07).
        layers.Add(Akka.Cluster.Sharding.ClusterSharding.DefaultConfig());
        layers.Add(Akka.Cluster.Tools.Singleton.ClusterSingleton.DefaultConfig());
        layers.Add(Akka.DistributedData.DistributedData.DefaultConfig());

        return OwnedJournal.AddTo(layers.Aggregate((higher, lower) => higher.WithFallback(lower)));
    }

    /// <summary>The generated, per-node part; every value is quoted so hostnames and connection strings cannot inject HOCON.</summary>
    public static string NodeBlock(NodeConfig node)
    {
        var roles = new List<string> { NodeRole };
        if (node.HaInstanceId is { } id)
        {
            roles.Add(HaInstanceRolePrefix + id);
        }

        var seeds = node.Peers.Select(p => p.AkkaAddress(node.Cluster.Name));
        var connection = Quote(node.Cluster.Persistence.ConnectionString);
        var text = new StringBuilder();
        text.AppendLine("akka.remote.dot-netty.tcp {");
        text.AppendLine($"  hostname = {Quote(node.Hostname)}");
        text.AppendLine($"  public-hostname = {Quote(node.Hostname)}");
        // Akka.NET's dot-netty binds "port" and advertises "public-port" (peers and seed nodes use the latter).
        text.AppendLine($"  port = {node.Cluster.ListenPort}");
        text.AppendLine($"  public-port = {node.Cluster.Port}");
        text.AppendLine("}");
        text.AppendLine($"akka.cluster.seed-nodes = [{string.Join(", ", seeds.Select(Quote))}]");
        text.AppendLine($"akka.cluster.roles = [{string.Join(", ", roles.Select(Quote))}]");
        text.AppendLine($"akka.persistence.journal.sql.connection-string = {connection}");
        text.AppendLine($"akka.persistence.snapshot-store.sql.connection-string = {connection}");
        text.AppendLine($"akka.persistence.query.journal.sql.connection-string = {connection}");
        return text.ToString();
    }

    private static string PersistenceFile(PersistenceProvider provider) => provider switch
    {
        PersistenceProvider.Sqlite => "persistence-sqlite.conf",
        PersistenceProvider.PostgreSql => "persistence-postgresql.conf",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    private static Config ReadFile(string path, string key)
    {
        try
        {
            return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(key, $"cannot read Akka configuration '{path}': {e.Message}");
        }
        catch (Exception e) when (e is ConfigurationException or FormatException)
        {
            throw new ConfigException(key, $"'{path}' is not valid HOCON: {e.Message}");
        }
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
