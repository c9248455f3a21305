using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Core.Tests.Configuration;

public sealed class ConfigMergeTests
{
    private const string ConfigFile = "/opt/zowe/zowe.yaml";

    private const string ThreeInstances = """
        zowe:
          workspaceDirectory: /global/workspace
          externalDomains: [dvipa.example.com, other.example.com]
        components:
          gateway: { enabled: true, port: 7554 }
          discovery: { enabled: true, port: 7553 }
          caching-service: { enabled: true, port: 7555 }
        cluster:
          name: prod
          port: 7560
        haInstances:
          lpar1:
            hostname: lpar1.example.com
            sysname: LPR1
          LPAR2:
            hostname: lpar2.example.com
            components:
              gateway: { port: 17554 }
              caching-service: { enabled: false }
            zowe:
              externalDomains: [only.example.com]
          lpar3:
            components:
              discovery: { port: 27553 }
            cluster: { port: 27560 }
        """;

    public static TheoryData<string, Func<NodeConfig, object?>, object?> Merged => new()
    {
        { "lpar1", c => c.Gateway.Port, 7554 },
        { "lpar2", c => c.Gateway.Port, 17554 },
        { "lpar2", c => c.Discovery.Port, 7553 },
        { "lpar2", c => c.CachingService.Enabled, false },
        { "lpar1", c => c.CachingService.Enabled, true },
        { "lpar3", c => c.Discovery.Port, 27553 },
        { "lpar3", c => c.Cluster.Port, 27560 },
        { "lpar1", c => c.Cluster.Name, "prod" },
        { "lpar1", c => c.Hostname, "lpar1.example.com" },
        { "lpar3", c => c.Hostname, "dvipa.example.com" },
        { "lpar2", c => string.Join(",", c.ExternalDomains), "only.example.com" },
        { "lpar1", c => string.Join(",", c.ExternalDomains), "dvipa.example.com,other.example.com" },
        { "lpar1", c => c.HaInstanceId, "lpar1" },
        { "LpAr2", c => c.HaInstanceId, "LPAR2" },
        { "lpar1", c => c.WorkspaceDirectory, "/global/workspace" },
    };

    [Theory]
    [MemberData(nameof(Merged))]
    public void Build_HaInstanceOverrides_MergeOverDefaults(string instance, Func<NodeConfig, object?> read, object? expected)
    {
        var config = Build(ThreeInstances, instance);

        Assert.Equal(expected, read(config));
    }

    [Fact]
    public void Build_HaInstances_ProduceSeedPeersInFileOrder()
    {
        var config = Build(ThreeInstances, "lpar3");

        Assert.Equal(
            ["akka.ssl.tcp://prod@lpar1.example.com:7560", "akka.ssl.tcp://prod@lpar2.example.com:7560", "akka.ssl.tcp://prod@dvipa.example.com:27560"],
            config.Peers.Select(p => p.AkkaAddress(config.Cluster.Name)));
    }

    [Fact]
    public void Build_WithoutHaInstances_IsOneSelfSeededNodeWithZoweDefaults()
    {
        var config = Build("zowe: { workspaceDirectory: ws }", null);

        Assert.Null(config.HaInstanceId);
        Assert.Equal("localhost", config.Hostname);
        Assert.Equal((7554, 7553, 7555, 7560), (config.Gateway.Port, config.Discovery.Port, config.CachingService.Port, config.Cluster.Port));
        Assert.Equal("apiml", config.Cluster.Name);
        Assert.Equal(PersistenceProvider.Sqlite, config.Cluster.Persistence.Provider);
        Assert.Equal(["0.0.0.0"], config.ListenAddresses);
        Assert.Equal("/opt/zowe/ws", config.WorkspaceDirectory);
        Assert.Contains("Data Source=/opt/zowe/ws/data/apiml.db", config.Cluster.Persistence.ConnectionString);
        Assert.Equal([(null, "localhost", 7560)], config.Peers.Select(p => (p.HaInstanceId, p.Hostname, p.ClusterPort)));
        Assert.Equal(config.Certificate, config.Peers[0].Certificate);
    }

    [Fact]
    public void Build_EmptyOverrideValue_KeepsTheDefault()
    {
        var config = Build("""
            components: { gateway: { port: 1234 } }
            haInstances:
              a:
                components: { gateway: { port: } }
            """, "a");

        Assert.Equal(1234, config.Gateway.Port);
    }

    [Fact]
    public void Build_ArraysInOverride_ReplaceRatherThanAppend()
    {
        var config = Build("""
            zowe:
              network: { server: { listenAddresses: [127.0.0.1, 10.0.0.1] } }
            haInstances:
              a:
                zowe: { network: { server: { listenAddresses: [127.0.0.2] } } }
            """, "a");

        Assert.Equal(["127.0.0.2"], config.ListenAddresses);
    }

    [Fact]
    public void Build_ConnectionLimits_AreBoundedByDefaultAndTakenFromTheServerSection()
    {
        var defaults = Build("zowe: { workspaceDirectory: w }", null);
        var set = Build("zowe: { network: { server: { maxConnections: 500, maxUpgradedConnections: 50 } } }", null);

        Assert.Equal((10_000, 2_000), (defaults.MaxConnections, defaults.MaxUpgradedConnections));
        Assert.Equal((500, 50), (set.MaxConnections, set.MaxUpgradedConnections));
    }

    [Fact]
    public void Build_PersistenceOverriddenPerInstance_UsesTheInstanceValue()
    {
        var config = Build("""
            cluster:
              persistence: { provider: sqlite }
            haInstances:
              a:
                cluster:
                  persistence: { provider: postgresql, connectionString: "Host=db;Database=apiml" }
            """, "a");

        Assert.Equal(new PersistenceSettings(PersistenceProvider.PostgreSql, "Host=db;Database=apiml"), config.Cluster.Persistence);
    }

    [Fact]
    public void Build_NoKeystoreConfigured_UsesTheGeneratedLocalLayout()
    {
        var config = Build("zowe: { workspaceDirectory: /ws }", null);

        Assert.True(config.Certificate.IsGenerated);
        Assert.Equal(new Pkcs12Key("/ws/keystore/localhost/localhost.keystore.p12", "password", "localhost"), config.Certificate.Key);
        Assert.Equal(new Pkcs12Trust("/ws/keystore/localhost/localhost.truststore.p12", "password"), config.Certificate.Trust);
    }

    [Fact]
    public void Build_PemKeystore_ResolvesFilesAgainstTheConfigDirectory()
    {
        var config = Build("""
            zowe:
              certificate:
                keystore: { type: PEM }
                pem:
                  key: keys/server.key
                  certificate: /etc/certs/server.pem
                  certificateAuthorities: "ca1.pem, /etc/ca2.pem"
            """, null);

        Assert.Equal(new PemKey("/etc/certs/server.pem", "/opt/zowe/keys/server.key"), config.Certificate.Key);
        Assert.Equal(["/opt/zowe/ca1.pem", "/etc/ca2.pem"], ((PemTrust)config.Certificate.Trust).Files);
    }

    public static TheoryData<string, string?, string> Invalid => new()
    {
        { ThreeInstances, "lpar9", "haInstances.lpar9" },
        { ThreeInstances, null, "--ha-instance" },
        { "zowe: {}", "lpar1", "--ha-instance" },
        { "components: { gateway: { port: 7553 } }", null, "components.discovery.port" },
        { "cluster: { port: 7554 }", null, "cluster.port" },
        { "haInstances: { a: { cluster: { port: 7555 } } }", "a", "haInstances.a.cluster.port" },
        { "haInstances: { a: { hostname: h }, b: { hostname: h } }", "a", "haInstances.b.components.gateway.port" },
        { "components: { gateway: { port: 70000 } }", null, "components.gateway.port" },
        { "components: { gateway: { port: http } }", null, "components.gateway.port" },
        { "components: { gateway: { enabled: maybe } }", null, "components.gateway.enabled" },
        { "components: { gateway: { enabled: false }, discovery: { enabled: false }, caching-service: { enabled: false } }", null, "components" },
        { "zowe: { certificate: { keystore: { type: JCERACFKS, file: safkeyring://x } } }", null, "zowe.certificate.keystore.type" },
        { "zowe: { certificate: { keystore: { file: ks.p12 } } }", null, "zowe.certificate.truststore.file" },
        { "zowe: { certificate: { keystore: { type: PEM } } }", null, "zowe.certificate.pem.key" },
        { "cluster: { name: 'two words' }", null, "cluster.name" },
        { "haInstances: { a: { hostname: \"evil\\nakka.x = 1\" } }", "a", "haInstances.a.hostname" },
        { "zowe: { externalDomains: ['bad host'] }", null, "zowe.externalDomains" },
        { "cluster: { persistence: { provider: oracle } }", null, "cluster.persistence.provider" },
        { "cluster: { persistence: { provider: postgresql } }", null, "cluster.persistence.connectionString" },
        { "cluster: { failover: instant }", null, "cluster.failover" },
        { "cluster: { bindPort: 7553 }", null, "cluster.bindPort" },
        { "cluster: { bindPort: 0 }", null, "cluster.bindPort" },
        { "zowe: { network: { server: { listenAddresses: [somehost] } } }", null, "zowe.network.server.listenAddresses" },
        { "haInstances: { a: { cluster: { name: x } }, b: { hostname: other } }", "a", "cluster.name" },
        { "haInstances: [a, b]", "a", "haInstances" },
        { "zowe: { externalDomains: { a: b } }", null, "zowe.externalDomains" },
        { "zowe: [unclosed", null, ConfigFile },
        { "cluster: { tls: { peerFingerprints: [not-a-key-hash] } }", null, "cluster.tls.peerFingerprints[0]" },
        { "zowe: { network: { server: { maxConnections: 0 } } }", null, "zowe.network.server.maxConnections" },
        { "zowe: { network: { server: { maxUpgradedConnections: many } } }", null, "zowe.network.server.maxUpgradedConnections" },
    };

    [Fact]
    public void Build_PeerFingerprintsWithColonsAndLowerCase_AreKeptInOneCanonicalForm()
    {
        var hex = string.Concat(Enumerable.Repeat("ab", 32));
        var colons = string.Join(':', Enumerable.Repeat("0f", 32));

        var config = Build($"cluster: {{ tls: {{ peerFingerprints: ['{hex}', '{colons}'] }} }}", null);

        Assert.Equal([hex.ToUpperInvariant(), string.Concat(Enumerable.Repeat("0F", 32))], config.Cluster.PeerFingerprints);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Build_InvalidConfiguration_FailsNamingTheKey(string yaml, string? instance, string key)
    {
        var error = Assert.Throws<ConfigException>(() => Build(yaml, instance));

        Assert.Equal(key, error.Key);
        Assert.Contains($"'{key}'", error.Message);
    }

    [Fact]
    public void Parse_DuplicateKey_NamesTheFileAndLine()
    {
        var error = Assert.Throws<ConfigException>(() => YamlTree.Parse("components:\n  gateway: { port: 1 }\n  gateway: { port: 2 }\n", ConfigFile));

        Assert.Equal(ConfigFile, error.Key);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void Build_SamePortsOnDifferentHosts_AreAllowed()
    {
        var config = Build("haInstances: { a: { hostname: host-a }, b: { hostname: host-b } }", "b");

        Assert.Equal(2, config.Peers.Count);
    }

    [Fact]
    public void Build_ClusterBindPort_IsReadAndDefaultsToNone()
    {
        Assert.Equal(17560, Build("cluster: { port: 7560, bindPort: 17560 }", null).Cluster.ListenPort);
        Assert.Null(Build("cluster: { port: 7560 }", null).Cluster.BindPort);
        Assert.Equal(7560, Build("cluster: { port: 7560 }", null).Cluster.ListenPort);
    }

    [Fact]
    public void Load_MissingFile_NamesTheConfigOption()
    {
        var error = Assert.Throws<ConfigException>(() => ZoweConfigLoader.Load("/nonexistent/zowe.yaml", null));

        Assert.Equal("--config", error.Key);
    }

    /// <summary>Zowe's default provider is zosmf, which needs to know where z/OSMF is.</summary>
    internal const string Zosmf = "\nzOSMF: { host: zosmf.example.com }\n";

    [Theory]
    [InlineData("zOSMF: { port: 443 }", "zOSMF.host")]
    [InlineData("components: { gateway: { apiml: { security: { auth: { provider: saf } } } } }", "components.gateway.apiml.security.auth.provider")]
    [InlineData("components: { gateway: { apiml: { security: { x509: { enabled: true } } } } }", "components.gateway.apiml.security.x509.mappingFile")]
    [InlineData("components: { gateway: { apiml: { security: { auth: { uniqueCookie: true } } } } }", "components.gateway.apiml.security.auth.uniqueCookie")]
    [InlineData("components: { gateway: { apiml: { security: { auth: { cookieProperties: { cookieName: 'a b' } } } } } }", "components.gateway.apiml.security.auth.cookieProperties.cookieName")]
    [InlineData("components: { gateway: { apiml: { security: { auth: { provider: dummy, tokenProperties: { expirationInSeconds: 0 } } } } } }", "components.gateway.apiml.security.auth.tokenProperties.expirationInSeconds")]
    public void Build_InvalidAuthSettings_FailsNamingTheKey(string yaml, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ZoweConfigLoader.Build(YamlTree.Parse(yaml, ConfigFile), ConfigFile, null));

        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void Build_AuthDefaults_AreZowes()
    {
        var auth = Build("zowe: { workspaceDirectory: ws }", null).Auth;

        Assert.Equal(("zosmf", "apimlAuthenticationToken", TimeSpan.FromHours(8), false, false), (auth.Provider, auth.CookieName, auth.TokenLifetime, auth.AllowTokenRefresh, auth.X509Enabled));
        Assert.Equal(new ZosmfSettings("zosmf.example.com", 443, ZosmfTokenMode.Jwt), auth.Zosmf);
        Assert.Equal("/opt/zowe/ws/users.yaml", auth.UsersFile);
    }

    [Theory]
    [InlineData("zowe: { workspaceDirectory: ws }", true)]
    [InlineData("components: { gateway: { apiml: { security: { personalAccessToken: { enabled: false } } } } }", false)]
    [InlineData("components: { gateway: { apiml: { security: { personalAccessToken: { enabled: true } } } } }", true)]
    public void Build_PersonalAccessTokens_OnUnlessSwitchedOff(string yaml, bool enabled)
    {
        Assert.Equal(enabled, Build(yaml, null).Auth.PersonalAccessTokensEnabled);
    }

    [Fact]
    public void Build_UniqueCookie_AppendsTheCookieIdentifier()
    {
        var auth = Build("zowe: { cookieIdentifier: 2 }\ncomponents: { gateway: { apiml: { security: { auth: { provider: dummy, uniqueCookie: true } } } } }", null).Auth;

        Assert.Equal("apimlAuthenticationToken.2", auth.CookieName);
        Assert.Equal("expire", auth.ShortLivedUser);
    }

    [Fact]
    public void Build_RegistrationPolicy_ReadsOwnersExternalUrlApplidsAndLimits()
    {
        var yaml = """
            components:
              discovery:
                apiml:
                  security:
                    registration:
                      owners: { PetStore: ["CN=petstore,O=Example", petstore.example.com], zowe.sample: [sample.example.com] }
                      externalUrl: [DomainGw]
                      applids: { tso: [tsoappl] }
                      maxLeaseSeconds: 120
            """;

        var policy = Build(yaml, null).DiscoverySettings.Registration;

        Assert.Equal(["CN=petstore,O=Example", "petstore.example.com"], policy.Owners["petstore"]);
        Assert.Equal(["sample.example.com"], policy.Owners["zowe.sample"]);
        Assert.Equal((true, true, 120), (policy.ExternalUrlServices.Contains("domaingw"), policy.ApplIds["tso"].Contains("TSOAPPL"), policy.MaxLeaseSeconds));
    }

    [Fact]
    public void Build_AllowedDomainsUnset_DefaultToTheExternalDomainsAndEveryHaInstanceHostname()
    {
        var yaml = """
            zowe: { externalDomains: [apiml.example.com] }
            haInstances:
              a: { hostname: lpar1.example.com, cluster: { port: 1 } }
              b: { hostname: lpar2.example.com, cluster: { port: 2 } }
            """;

        var domains = Build(yaml, "a").DiscoverySettings.Registration.AllowedDomains;

        Assert.Equal(["apiml.example.com", "lpar1.example.com", "lpar2.example.com"], domains);
    }

    [Fact]
    public void Build_AllowedDomainsSet_AreTakenAsGiven()
    {
        var domains = Build("zowe: { network: { allowedDomains: [\"*.example.com\"] } }", null).DiscoverySettings.Registration.AllowedDomains;

        Assert.Equal(["*.example.com"], domains);
    }

    [Fact]
    public void Build_OwnerThatIsNotADistinguishedName_NamesTheKey()
    {
        var error = Assert.Throws<ConfigException>(() => Build("components: { discovery: { apiml: { security: { registration: { owners: { svc: [\"CN=a,,=\"] } } } } } }", null));

        Assert.Contains("registration.owners.svc", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zowe: { workspaceDirectory: ws }", true)]
    [InlineData("components: { gateway: { apiml: { health: { protected: false } } } }", false)]
    public void Build_HealthProtected_DefaultsToTrueAsInZowe(string yaml, bool expected) =>
        Assert.Equal(expected, Build(yaml, null).HealthProtected);

    [Fact]
    public void Build_DiscoveryDefaults_RequireClientCertificatesAndUseTheWorkspaceApiDefs()
    {
        var discovery = Build("zowe: { workspaceDirectory: ws }", null).DiscoverySettings;

        Assert.Equal((true, "/opt/zowe/ws/api-mediation/api-defs", ((string, string)?)null),
            (discovery.RequireClientCertificate, Assert.Single(discovery.StaticDefinitionDirectories), discovery.ServiceIdPrefixReplacer));
    }

    [Theory]
    [InlineData("STRICT", CertificateVerification.Strict, true)]
    [InlineData("NONSTRICT", CertificateVerification.NonStrict, true)]
    [InlineData("DISABLED", CertificateVerification.Disabled, false)]
    public void Build_VerifyCertificates_SetsTheLevelAndWhetherEurekaNeedsAClientCertificate(string verify, CertificateVerification level, bool required)
    {
        var config = Build($"zowe: {{ verifyCertificates: {verify}, network: {{ server: {{ listenAddresses: [127.0.0.1] }} }} }}", null);

        Assert.Equal((level, required), (config.VerifyCertificates, config.DiscoverySettings.RequireClientCertificate));
    }

    [Fact]
    public void Build_VerificationDisabledOnANonLoopbackListener_IsRefusedNamingTheKey()
    {
        var error = Assert.Throws<ConfigException>(() => Build("zowe: { verifyCertificates: DISABLED }", null));

        Assert.Contains("zowe.verifyCertificates", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DiscoveryOptions_AreReadFromTheComponentBlock()
    {
        var discovery = Build("components: { discovery: { apiml: { discovery: { staticApiDefinitionsDirectories: 'defs;/abs/defs', serviceIdPrefixReplacer: 'old,new' } } } }", null).DiscoverySettings;

        Assert.Equal(["/opt/zowe/defs", "/abs/defs"], discovery.StaticDefinitionDirectories);
        Assert.Equal(("old", "new"), discovery.ServiceIdPrefixReplacer);
    }

    [Theory]
    [InlineData("zowe: { verifyCertificates: MAYBE }", "zowe.verifyCertificates")]
    [InlineData("components: { discovery: { apiml: { discovery: { serviceIdPrefixReplacer: 'only-one' } } } }", "components.discovery.apiml.discovery.serviceIdPrefixReplacer")]
    public void Build_InvalidDiscoverySettings_FailsNamingTheKey(string yaml, string key)
    {
        var error = Assert.Throws<ConfigException>(() => Build(yaml, null));

        Assert.Equal(key, error.Key);
    }

    private static NodeConfig Build(string yaml, string? instance) =>
        ZoweConfigLoader.Build(YamlTree.Parse(Zosmf + yaml, ConfigFile), ConfigFile, instance);
}
