using ApiMlCluster.Core.Certificates;
using System.Net;
using System.Text.RegularExpressions;

namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// Reads zowe.yaml the way Zowe's launcher does: top-level defaults, <c>haInstances.&lt;id&gt;</c> deep-merged
/// over them (case-insensitive id), hostname from the instance or <c>zowe.externalDomains[0]</c>.
/// Also derives the cluster's peers from the haInstances so no one writes a seed-node list by hand.
/// </summary>
public static partial class ZoweConfigLoader
{
    public const int DefaultGatewayPort = 7554;
    public const int DefaultDiscoveryPort = 7553;
    public const int DefaultCachingPort = 7555;
    public const int DefaultClusterPort = 7560;
    public const string DefaultClusterName = "apiml";

    /// <summary>Password of the generated development keystores, as in Zowe's local certificate setup.</summary>
    public const string DevelopmentPassword = "password";

    public const string DevelopmentAlias = "localhost";

    private static readonly string[] InstanceOnlyKeys = ["hostname", "sysname"];

    public static NodeConfig Load(string configFile, string? haInstanceId)
    {
        var path = Path.GetFullPath(configFile);
        return Build(Parse(path), path, haInstanceId);
    }

    /// <summary>Every node the file describes (one per haInstance, in file order; one for a single-node file).</summary>
    public static IReadOnlyList<NodeConfig> LoadAll(string configFile)
    {
        var path = Path.GetFullPath(configFile);
        return BuildAll(Parse(path), path);
    }

    internal static NodeConfig Build(ConfigMap root, string configFile, string? haInstanceId)
    {
        var instances = ReadHaInstances(root);
        string? instanceKey = null;
        if (instances.Count > 0)
        {
            var known = string.Join(", ", instances.Keys);
            if (string.IsNullOrWhiteSpace(haInstanceId))
            {
                throw new ConfigException("--ha-instance", $"the configuration defines haInstances ({known}); name the one to start");
            }

            instanceKey = instances.Keys.FirstOrDefault(k => string.Equals(k, haInstanceId, StringComparison.OrdinalIgnoreCase))
                ?? throw new ConfigException($"haInstances.{haInstanceId}", $"no such instance; defined: {known}");
        }
        else if (!string.IsNullOrWhiteSpace(haInstanceId))
        {
            throw new ConfigException("--ha-instance", $"'{haInstanceId}' was given but the configuration defines no haInstances");
        }

        return BuildAll(root, configFile).Single(n => n.HaInstanceId == instanceKey);
    }

    private static ConfigMap Parse(string path)
    {
        try
        {
            return YamlTree.Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException("--config", $"cannot read '{path}': {e.Message}");
        }
    }

    private static IReadOnlyList<NodeConfig> BuildAll(ConfigMap root, string configFile)
    {
        var instances = ReadHaInstances(root);
        var defaults = new ConfigMap(root.Where(e => e.Key != "haInstances"));
        var nodes = instances.Count == 0
            ? [ReadNode(defaults, null, null, configFile)]
            : instances.Select(i => ReadNode(defaults, i.Key, i.Value, configFile)).ToList();

        ValidateCluster(nodes);

        var peers = nodes.Select(n => new ClusterPeer(n.HaInstanceId, n.Hostname, n.Cluster.Port) { Certificate = n.Certificate }).ToList();
        var hostnames = nodes.Select(n => n.Hostname).ToList();
        return nodes.Select(n => n with
        {
            Peers = peers,
            DiscoverySettings = n.DiscoverySettings with
            {
                Registration = RegistrationPolicyConfig.WithDefaultDomains(n.DiscoverySettings.Registration, n.ExternalDomains, hostnames),
            },
        }).ToList();
    }

    private static ConfigMap ReadHaInstances(ConfigMap root)
    {
        switch (root.Find("haInstances"))
        {
            case null:
                return [];
            case ConfigMap map:
                foreach (var (id, value) in map)
                {
                    if (value is not (ConfigMap or null))
                    {
                        throw new ConfigException($"haInstances.{id}", "expected a mapping of overrides");
                    }
                }

                return map;
            default:
                throw new ConfigException("haInstances", "expected a mapping of instance ids to overrides");
        }
    }

    private static NodeConfig ReadNode(ConfigMap defaults, string? instanceKey, object? instanceBlock, string configFile)
    {
        var instance = instanceBlock as ConfigMap ?? [];
        var overrides = new ConfigMap(instance.Where(e => !InstanceOnlyKeys.Contains(e.Key)));
        var merged = ConfigMerge.DeepMerge(defaults, overrides);
        var reader = new ConfigReader(merged, instanceKey is null ? null : overrides, instanceKey);
        var configDir = Path.GetDirectoryName(configFile)!;

        var externalDomains = reader.List("zowe.externalDomains");
        var instanceHostname = instance.Find("hostname") as string;
        var hostname = instanceHostname is { Length: > 0 } ? instanceHostname
            : externalDomains.Count > 0 ? externalDomains[0]
            : "localhost";
        if (!HostName().IsMatch(hostname) && !IPAddress.TryParse(hostname, out _))
        {
            var key = instanceHostname is { Length: > 0 } ? $"haInstances.{instanceKey}.hostname" : reader.KeyName("zowe.externalDomains");
            throw new ConfigException(key, $"'{hostname}' is not a host name or IP address");
        }

        var workspace = Resolve(configDir, reader.String("zowe.workspaceDirectory", "workspace"));

        var node = new NodeConfig
        {
            ConfigFile = configFile,
            HaInstanceId = instanceKey,
            Hostname = hostname,
            WorkspaceDirectory = workspace,
            ExternalDomains = externalDomains,
            ListenAddresses = ReadListenAddresses(reader),
            MaxConnections = reader.Integer("zowe.network.server.maxConnections", 10_000, 1, 1_000_000),
            MaxUpgradedConnections = reader.Integer("zowe.network.server.maxUpgradedConnections", 2_000, 1, 1_000_000),
            MaxConnectionsPerSource = reader.Integer("zowe.network.server.maxConnectionsPerSource", 1_000, 1, 1_000_000),
            Certificate = ReadCertificates(reader, configDir, workspace) with
            {
                DeniedFingerprints = ReadDeniedFingerprints(reader),
                Revocation = reader.Choice("zowe.certificate.truststore.revocationCheck", RevocationCheck.None,
                    ("none", RevocationCheck.None), ("online", RevocationCheck.Online), ("online-soft-fail", RevocationCheck.OnlineSoftFail)),
            },
            Gateway = ReadComponent(reader, "gateway", DefaultGatewayPort),
            Discovery = ReadComponent(reader, "discovery", DefaultDiscoveryPort),
            CachingService = ReadComponent(reader, "caching-service", DefaultCachingPort),
            Auth = ReadAuth(reader, configDir, workspace),
            DiscoverySettings = ReadDiscovery(reader, configDir, workspace),
            GatewayRouting = ReadGatewayRouting(reader),
            GatewaySchemes = GatewaySchemeConfig.Read(reader, configDir),
            CachingSettings = ReadCaching(reader),
            VerifyCertificates = ReadVerifyCertificates(reader),
            HealthProtected = reader.Bool("components.gateway.apiml.health.protected", true),
            Cluster = ReadCluster(reader, configDir, workspace),
            Peers = [],
            Effective = merged,
        };

        if (!node.Gateway.Enabled && !node.Discovery.Enabled && !node.CachingService.Enabled)
        {
            throw new ConfigException(instanceKey is null ? "components" : $"haInstances.{instanceKey}.components", "enable at least one of gateway, discovery, caching-service");
        }

        ValidateOwnPorts(node, reader);
        ValidateDisabledVerification(node, reader);
        return node;
    }

    private static AuthSettings ReadAuth(ConfigReader reader, string configDir, string workspace)
    {
        const string security = "components.gateway.apiml.security";
        var provider = reader.Choice(
            $"{security}.auth.provider", "zosmf",
            ("zosmf", "zosmf"), ("dummy", "dummy"), ("file", "file"));

        var cookieName = reader.String($"{security}.auth.cookieProperties.cookieName", AuthSettings.DefaultCookieName);
        if (reader.Bool($"{security}.auth.uniqueCookie", false))
        {
            var identifier = reader.String("zowe.cookieIdentifier")
                ?? throw new ConfigException(reader.KeyName($"{security}.auth.uniqueCookie"), "requires zowe.cookieIdentifier");
            cookieName = $"{cookieName}.{identifier}";
        }

        if (!CookieName().IsMatch(cookieName))
        {
            throw new ConfigException(reader.KeyName($"{security}.auth.cookieProperties.cookieName"), $"'{cookieName}' is not a valid cookie name");
        }

        var x509Enabled = reader.Bool($"{security}.x509.enabled", false);
        var mapping = reader.String($"{security}.x509.mappingFile");
        if (x509Enabled && mapping is null)
        {
            throw new ConfigException(reader.KeyName($"{security}.x509.mappingFile"), "required when x509 login is enabled");
        }

        ZosmfSettings? zosmf = null;
        if (provider == "zosmf")
        {
            var host = reader.String("zOSMF.host") ?? throw new ConfigException("zOSMF.host", "required when the auth provider is zosmf");
            zosmf = new ZosmfSettings(
                host,
                reader.Port("zOSMF.port", 443),
                reader.Choice($"{security}.auth.zosmf.jwtAutoconfiguration", ZosmfTokenMode.Jwt, ("jwt", ZosmfTokenMode.Jwt), ("ltpa", ZosmfTokenMode.Ltpa), ("auto", ZosmfTokenMode.Jwt)));
        }

        return new AuthSettings
        {
            Provider = provider,
            CookieName = cookieName,
            TokenLifetime = TimeSpan.FromSeconds(reader.Seconds($"{security}.auth.tokenProperties.expirationInSeconds", 28800)),
            ShortLivedUser = provider == "dummy" ? reader.String($"{security}.auth.tokenProperties.shortTtlUsername", "expire") : null,
            ShortTokenLifetime = TimeSpan.FromSeconds(reader.Seconds($"{security}.auth.tokenProperties.shortTtlExpirationInSeconds", 50)),
            LoginRateLimit = SourceRateLimit.Read(reader, $"{security}.rateLimit.login", AuthSettings.DefaultLoginRateLimit),
            AccessTokenRateLimit = SourceRateLimit.Read(reader, $"{security}.rateLimit.accessToken", AuthSettings.DefaultAccessTokenRateLimit),
            AuditRetention = TimeSpan.FromDays(reader.Integer($"{security}.audit.retentionDays", 90, 1, 36500)),
            CleanupInterval = TimeSpan.FromSeconds(reader.Seconds($"{security}.auth.tokenProperties.cleanupIntervalInSeconds", 600)),
            AllowTokenRefresh = reader.Bool($"{security}.allowTokenRefresh", reader.Bool($"{security}.allowtokenrefresh", false)),
            X509Enabled = x509Enabled,
            X509MappingFile = mapping is null ? null : Resolve(configDir, mapping),
            UsersFile = Resolve(configDir, reader.String($"{security}.auth.file.usersFile", Path.Combine(workspace, "users.yaml"))),
            VerificationKeyFiles = reader.List($"{security}.auth.jwt.verificationKeys").Select(f => Resolve(configDir, f)).ToList(),
            Zosmf = zosmf,
            PersonalAccessTokensEnabled = reader.Bool($"{security}.personalAccessToken.enabled", true),
            Authorization = AuthorizationConfig.Read(reader, configDir, workspace),
        };
    }

    private static CertificateVerification ReadVerifyCertificates(ConfigReader reader) =>
        reader.Choice("zowe.verifyCertificates", CertificateVerification.Strict,
            ("STRICT", CertificateVerification.Strict), ("NONSTRICT", CertificateVerification.NonStrict), ("DISABLED", CertificateVerification.Disabled));

    private static DiscoverySettings ReadDiscovery(ConfigReader reader, string configDir, string workspace)
    {
        const string discovery = "components.discovery.apiml.discovery";
        var directories = reader.List($"{discovery}.staticApiDefinitionsDirectories")
            .SelectMany(d => d.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(d => Resolve(configDir, d))
            .ToList();
        (string, string)? replacer = null;
        if (reader.String($"{discovery}.serviceIdPrefixReplacer") is { } text)
        {
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ConfigException(reader.KeyName($"{discovery}.serviceIdPrefixReplacer"), $"expected 'old,new', found '{text}'");
            }

            replacer = (parts[0], parts[1]);
        }

        return new DiscoverySettings
        {
            RequireClientCertificate = ReadVerifyCertificates(reader) != CertificateVerification.Disabled,
            StaticDefinitionDirectories = directories.Count > 0 ? directories : [Path.Combine(workspace, "api-mediation", "api-defs")],
            ServiceIdPrefixReplacer = replacer,
            Registration = RegistrationPolicyConfig.Read(reader),
        };
    }

    private static CachingSettings ReadCaching(ConfigReader reader)
    {
        const string storage = "components.caching-service.storage";
        return new CachingSettings
        {
            MaxEntries = reader.Integer($"{storage}.size", CachingSettings.DefaultMaxEntries, 1, 100_000_000),
            EvictionStrategy = reader.Choice(
                $"{storage}.evictionStrategy", CacheEvictionStrategy.Reject,
                ("reject", CacheEvictionStrategy.Reject), ("removeOldest", CacheEvictionStrategy.RemoveOldest)),
            MaxValueBytes = reader.Integer($"{storage}.maxValueBytes", CachingSettings.DefaultMaxValueBytes, 1, CachingSettings.MaxValueBytesLimit),
            MaxMapItems = reader.Integer($"{storage}.maxMapItems", CachingSettings.DefaultMaxMapItems, 1, 100_000_000),
            MaxServiceIdsPerCertificate = reader.Integer($"{storage}.maxServiceIdsPerCertificate", CachingSettings.DefaultMaxServiceIdsPerCertificate, 1, 1_000_000),
            RequireClientCertificate = ReadVerifyCertificates(reader) != CertificateVerification.Disabled,
        };
    }

    private static IReadOnlyList<string> ReadListenAddresses(ConfigReader reader)
    {
        const string key = "zowe.network.server.listenAddresses";
        var addresses = reader.List(key);
        foreach (var address in addresses)
        {
            if (!IPAddress.TryParse(address, out _))
            {
                throw new ConfigException(reader.KeyName(key), $"'{address}' is not an IP address");
            }
        }

        return addresses.Count > 0 ? addresses : ["0.0.0.0"];
    }

    private static ComponentConfig ReadComponent(ConfigReader reader, string name, int defaultPort) =>
        new(name, reader.Bool($"components.{name}.enabled", true), reader.Port($"components.{name}.port", defaultPort));

    private static ClusterSettings ReadCluster(ConfigReader reader, string configDir, string workspace)
    {
        var name = reader.String("cluster.name", DefaultClusterName);
        if (!ActorSystemName().IsMatch(name))
        {
            throw new ConfigException(reader.KeyName("cluster.name"), $"'{name}' must start with a letter or digit and contain only letters, digits, '-' and '_'");
        }

        var provider = reader.Choice(
            "cluster.persistence.provider", PersistenceProvider.Sqlite,
            ("sqlite", PersistenceProvider.Sqlite), ("postgresql", PersistenceProvider.PostgreSql));
        var connectionString = reader.String("cluster.persistence.connectionString");
        if (provider == PersistenceProvider.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigException(reader.KeyName("cluster.persistence.connectionString"), "required when cluster.persistence.provider is postgresql");
        }

        // Nodes of a local cluster share this file; the timeout lets a writer wait for another instead of failing.
        connectionString ??= $"Data Source={Path.Combine(workspace, "data", "apiml.db")};Default Timeout=30";

        var overrides = reader.String("cluster.akka.config");
        return new ClusterSettings(
            name,
            reader.Port("cluster.port", DefaultClusterPort),
            new PersistenceSettings(provider, connectionString),
            reader.Choice("cluster.failover", FailoverProfile.Fast, ("standard", FailoverProfile.Standard), ("fast", FailoverProfile.Fast)),
            overrides is null ? null : Resolve(configDir, overrides))
        {
            BindPort = reader.String("cluster.bindPort") is null ? null : reader.Port("cluster.bindPort", 0),
            PeerFingerprints = reader.List("cluster.tls.peerFingerprints").Select((f, i) => PublicKeyFingerprint.Parse(f)
                ?? throw new ConfigException($"{reader.KeyName("cluster.tls.peerFingerprints")}[{i}]", "expected the SHA-256 of a public key as 64 hex digits (colons allowed), as `apiml certs fingerprint` prints it")).ToList(),
        };
    }

    private static IReadOnlyList<string> ReadDeniedFingerprints(ConfigReader reader) =>
        reader.List("zowe.certificate.truststore.deniedFingerprints").Select((f, i) => PublicKeyFingerprint.Parse(f)
            ?? throw new ConfigException($"{reader.KeyName("zowe.certificate.truststore.deniedFingerprints")}[{i}]",
                "expected the SHA-256 of a certificate or of its public key as 64 hex digits (colons allowed), as `openssl x509 -noout -fingerprint -sha256` or `apiml certs fingerprint` prints it")).ToList();

    private static CertificateConfig ReadCertificates(ConfigReader reader, string configDir, string workspace)
    {
        var type = reader.String("zowe.certificate.keystore.type");
        var file = reader.String("zowe.certificate.keystore.file");
        if (type is null && file is null)
        {
            var dir = Path.Combine(workspace, "keystore", "localhost");
            return new CertificateConfig(
                new Pkcs12Key(Path.Combine(dir, "localhost.keystore.p12"), DevelopmentPassword, DevelopmentAlias),
                new Pkcs12Trust(Path.Combine(dir, "localhost.truststore.p12"), DevelopmentPassword),
                IsGenerated: true);
        }

        switch (type?.ToUpperInvariant() ?? "PKCS12")
        {
            case "PKCS12":
                var trustFile = reader.String("zowe.certificate.truststore.file")
                    ?? throw new ConfigException(reader.KeyName("zowe.certificate.truststore.file"), "required when a PKCS12 keystore is configured");
                return new CertificateConfig(
                    new Pkcs12Key(
                        Resolve(configDir, file ?? throw new ConfigException(reader.KeyName("zowe.certificate.keystore.file"), "required for a PKCS12 keystore")),
                        reader.String("zowe.certificate.keystore.password", ""),
                        reader.String("zowe.certificate.keystore.alias")),
                    new Pkcs12Trust(Resolve(configDir, trustFile), reader.String("zowe.certificate.truststore.password", "")),
                    IsGenerated: false);
            case "PEM":
                var key = reader.String("zowe.certificate.pem.key")
                    ?? throw new ConfigException(reader.KeyName("zowe.certificate.pem.key"), "required when zowe.certificate.keystore.type is PEM");
                var certificate = reader.String("zowe.certificate.pem.certificate")
                    ?? throw new ConfigException(reader.KeyName("zowe.certificate.pem.certificate"), "required when zowe.certificate.keystore.type is PEM");
                var authorities = reader.List("zowe.certificate.pem.certificateAuthorities");
                if (authorities.Count == 0)
                {
                    throw new ConfigException(reader.KeyName("zowe.certificate.pem.certificateAuthorities"), "required when zowe.certificate.keystore.type is PEM");
                }

                return new CertificateConfig(
                    new PemKey(Resolve(configDir, certificate), Resolve(configDir, key)),
                    new PemTrust(authorities.Select(a => Resolve(configDir, a)).ToList()),
                    IsGenerated: false);
            default:
                throw new ConfigException(reader.KeyName("zowe.certificate.keystore.type"), $"unknown key type '{type}' (supported: PKCS12, PEM)");
        }
    }

    /// <summary>
    /// DISABLED lets anyone who reaches the node register services and act as the node (no client certificate is
    /// asked for): development on one machine only, so every listener must be a loopback address.
    /// </summary>
    private static void ValidateDisabledVerification(NodeConfig node, ConfigReader reader)
    {
        if (node.VerifyCertificates != CertificateVerification.Disabled)
        {
            return;
        }

        var exposed = node.ListenAddresses.Where(a => !IPAddress.IsLoopback(IPAddress.Parse(a))).ToList();
        if (exposed.Count > 0)
        {
            throw new ConfigException(
                reader.KeyName("zowe.verifyCertificates"),
                $"DISABLED accepts Eureka and caching calls without any certificate, so it is allowed only when zowe.network.server.listenAddresses are loopback addresses; this node would listen on {string.Join(", ", exposed)}");
        }
    }

    private static void ValidateOwnPorts(NodeConfig node, ConfigReader reader)
    {
        var seen = new Dictionary<int, string>();
        foreach (var (key, port) in PortKeys(node))
        {
            if (!seen.TryAdd(port, key))
            {
                throw new ConfigException(reader.KeyName(key), $"port {port} is already used by {reader.KeyName(seen[port])}");
            }
        }
    }

    private static void ValidateCluster(IReadOnlyList<NodeConfig> nodes)
    {
        var names = nodes.Select(n => n.Cluster.Name).Distinct().ToList();
        if (names.Count > 1)
        {
            throw new ConfigException("cluster.name", $"every haInstance must use the same cluster name, found {string.Join(", ", names)}");
        }

        // Two instances on one host cannot share a port; Zowe never checks this (zowe/api-layer#3883).
        var taken = new Dictionary<(string Host, int Port), string>();
        foreach (var node in nodes)
        {
            foreach (var (key, port) in PortKeys(node))
            {
                var owner = $"haInstances.{node.HaInstanceId}.{key}";
                if (!taken.TryAdd((node.Hostname.ToLowerInvariant(), port), owner))
                {
                    throw new ConfigException(owner, $"port {port} on host {node.Hostname} is already used by {taken[(node.Hostname.ToLowerInvariant(), port)]}");
                }
            }
        }
    }

    private static IEnumerable<(string Key, int Port)> PortKeys(NodeConfig node)
    {
        foreach (var component in new[] { node.Gateway, node.Discovery, node.CachingService }.Where(c => c.Enabled))
        {
            yield return ($"components.{component.Name}.port", component.Port);
        }

        yield return ("cluster.port", node.Cluster.Port);
        if (node.Cluster.BindPort is { } bind && bind != node.Cluster.Port)
        {
            yield return ("cluster.bindPort", bind);
        }
    }

    private static string Resolve(string baseDirectory, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));

    [GeneratedRegex(@"^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex ActorSystemName();

    // RFC 6265 token characters: a name with separators would split the Set-Cookie header.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$")]
    private static partial Regex CookieName();
}
