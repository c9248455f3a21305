namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// The effective configuration of one node: zowe.yaml defaults with this node's
/// <c>haInstances.&lt;id&gt;</c> overrides merged over them, typed and validated.
/// </summary>
public sealed record NodeConfig
{
    /// <summary>Absolute path of the zowe.yaml this was read from.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>The ha-instance id as written under <c>haInstances</c>; null for a single-node config.</summary>
    public required string? HaInstanceId { get; init; }

    public required string Hostname { get; init; }

    public required string WorkspaceDirectory { get; init; }

    public required IReadOnlyList<string> ExternalDomains { get; init; }

    /// <summary>Addresses Kestrel binds (<c>zowe.network.server.listenAddresses</c>).</summary>
    public required IReadOnlyList<string> ListenAddresses { get; init; }

    /// <summary>
    /// Open connections the node accepts over all its ports (<c>zowe.network.server.maxConnections</c>); beyond it
    /// Kestrel refuses new ones. Kestrel's own default is unlimited.
    /// </summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary><c>zowe.network.server.maxConnectionsPerSource</c>: open connections one source address (IPv6: its /64) may hold.</summary>
    public int MaxConnectionsPerSource { get; init; } = 1_000;

    /// <summary>Of those, connections upgraded to WebSockets (<c>zowe.network.server.maxUpgradedConnections</c>).</summary>
    public int MaxUpgradedConnections { get; init; } = 2_000;

    public required CertificateConfig Certificate { get; init; }

    public required ComponentConfig Gateway { get; init; }

    public required ComponentConfig Discovery { get; init; }

    public required ComponentConfig CachingService { get; init; }

    public required AuthSettings Auth { get; init; }

    public required DiscoverySettings DiscoverySettings { get; init; }

    public GatewayRoutingSettings GatewayRouting { get; init; } = new();
    /// <summary>How the gateway authenticates callers to services (PassTicket keys, SAF IDT provider, custom headers).</summary>
    public GatewaySchemeSettings GatewaySchemes { get; init; } = GatewaySchemeSettings.Default;
    public CachingSettings CachingSettings { get; init; } = new();

    /// <summary>
    /// <c>components.gateway.apiml.health.protected</c> (Zowe's <c>apiml.health.protected</c>, default true): health and
    /// info details only for authenticated callers.
    /// </summary>
    public bool HealthProtected { get; init; } = true;

    /// <summary><c>zowe.verifyCertificates</c>, default STRICT.</summary>
    public CertificateVerification VerifyCertificates { get; init; } = CertificateVerification.Strict;

    public required ClusterSettings Cluster { get; init; }

    /// <summary>Every node of the cluster, this one included, in zowe.yaml order; the seed nodes derive from it.</summary>
    public required IReadOnlyList<ClusterPeer> Peers { get; init; }

    /// <summary>The merged YAML tree, kept for <c>apiml config effective</c>.</summary>
    internal ConfigMap Effective { get; init; } = [];

    /// <summary>A display name for logs and health: the ha-instance id, or the hostname for a single node.</summary>
    public string NodeName => HaInstanceId ?? Hostname;

    public string DataDirectory => Path.Combine(WorkspaceDirectory, "data");

    public string LogDirectory => Path.Combine(WorkspaceDirectory, "logs");
}

public sealed record ComponentConfig(string Name, bool Enabled, int Port);

public sealed record ClusterSettings(
    string Name,
    int Port,
    PersistenceSettings Persistence,
    FailoverProfile Failover,
    string? AkkaOverridesFile)
{
    /// <summary>
    /// The port remoting listens on when peers reach this node through another one (<see cref="Port"/>, the
    /// advertised port): a NAT or container port mapping, or the chaos suite's cuttable relay.
    /// </summary>
    public int? BindPort { get; init; }

    public int ListenPort => BindPort ?? Port;

    /// <summary>
    /// <c>cluster.tls.peerFingerprints</c>: SHA-256 hashes (upper-case hex) of the public keys of node certificates
    /// this node cannot read itself (peers on other hosts with their own keystores). The haInstances' own
    /// certificates that are readable here are allowed without being listed.
    /// </summary>
    public IReadOnlyList<string> PeerFingerprints { get; init; } = [];
}

public sealed record PersistenceSettings(PersistenceProvider Provider, string ConnectionString);

public enum PersistenceProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>How quickly an unreachable member is downed; see cluster-config/akka/failover-*.conf.</summary>
public enum FailoverProfile
{
    Standard,
    Fast,
}

/// <summary>One cluster member as zowe.yaml describes it.</summary>
public sealed record ClusterPeer(string? HaInstanceId, string Hostname, int ClusterPort)
{
    /// <summary>The certificate this peer presents, as its effective config names it; null when not known.</summary>
    public CertificateConfig? Certificate { get; init; }

    /// <summary>True when <paramref name="host"/> and <paramref name="port"/> are this peer's advertised remoting address.</summary>
    public bool IsAt(string? host, int? port) =>
        port == ClusterPort && string.Equals(host, Hostname, StringComparison.OrdinalIgnoreCase);

    /// <summary>The Akka address this peer's node listens on (remoting always runs over TLS); the cluster name is the ActorSystem name.</summary>
    public string AkkaAddress(string clusterName) => $"akka.ssl.tcp://{clusterName}@{Hostname}:{ClusterPort}";
}
