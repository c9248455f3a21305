using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Core.Tests.Configuration;

public sealed class GatewayRoutingSettingsTests
{
    private const string ConfigFile = "/opt/zowe/zowe.yaml";

    private const string Base = """
        zowe: { workspaceDirectory: /w }
        components:
          gateway:
            port: 7554
            apiml: { security: { auth: { provider: dummy } }%s }
        cluster: { name: prod, port: 7560 }
        """;

    [Fact]
    public void Build_NoGatewayRoutingKeys_HasZowesDefaults()
    {
        var settings = Build(string.Empty);

        Assert.Equal((TimeSpan.FromSeconds(60), 5, TimeSpan.FromSeconds(15), false, TimeSpan.FromHours(8)),
            (settings.ConnectionTimeout, settings.Retries, settings.FailedInstanceProbation, settings.InstanceIdHeader, settings.StickyExpiration));
    }

    [Fact]
    public void Build_GatewayRoutingKeys_AreRead()
    {
        var settings = Build(", connection: { timeout: 30000, retries: 0, failedInstanceProbation: 20 }, routing: { instanceIdHeader: true }, lb: { cacheRecordExpirationTimeInHours: 2 }");

        Assert.Equal((TimeSpan.FromSeconds(30), 0, TimeSpan.FromSeconds(20), true, TimeSpan.FromHours(2)),
            (settings.ConnectionTimeout, settings.Retries, settings.FailedInstanceProbation, settings.InstanceIdHeader, settings.StickyExpiration));
    }

    [Theory]
    [InlineData(", connection: { timeout: 0 }", "components.gateway.apiml.connection.timeout")]
    [InlineData(", connection: { retries: -1 }", "components.gateway.apiml.connection.retries")]
    [InlineData(", lb: { cacheRecordExpirationTimeInHours: soon }", "components.gateway.apiml.lb.cacheRecordExpirationTimeInHours")]
    public void Build_InvalidValue_FailsNamingTheKey(string keys, string key)
    {
        var error = Assert.Throws<ConfigException>(() => Build(keys));

        Assert.Equal(key, error.Key);
    }

    private static GatewayRoutingSettings Build(string keys) =>
        ZoweConfigLoader.Build(YamlTree.Parse(Base.Replace("%s", keys, StringComparison.Ordinal), ConfigFile), ConfigFile, null).GatewayRouting;
}
