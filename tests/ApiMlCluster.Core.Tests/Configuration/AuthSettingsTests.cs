using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Core.Tests.Configuration;

public sealed class AuthSettingsTests
{
    private const string ConfigFile = "/opt/zowe/zowe.yaml";

    private const string Base = """
        zowe: { workspaceDirectory: /w }
        components:
          gateway:
            port: 7554
            apiml: { security: { auth: { provider: dummy%a }%s } }
        cluster: { name: prod, port: 7560 }
        """;

    [Fact]
    public void Build_NoKeys_HasTheDefaultLimitsAndRetention()
    {
        var settings = Build(string.Empty);

        Assert.Equal(new SourceRateLimit(200, 100, TimeSpan.FromSeconds(1)), settings.LoginRateLimit);
        Assert.Equal(new SourceRateLimit(20, 10, TimeSpan.FromSeconds(1)), settings.AccessTokenRateLimit);
        Assert.Equal((TimeSpan.FromDays(90), TimeSpan.FromMinutes(10)), (settings.AuditRetention, settings.CleanupInterval));
    }

    [Fact]
    public void Build_Keys_AreRead()
    {
        var settings = Build(
            ", rateLimit: { login: { capacity: 50, tokens: 5, refillDuration: 60 }, accessToken: { capacity: 0 } }, audit: { retentionDays: 7 }",
            ", tokenProperties: { cleanupIntervalInSeconds: 30 }");

        Assert.Equal(new SourceRateLimit(50, 5, TimeSpan.FromSeconds(60)), settings.LoginRateLimit);
        Assert.False(settings.AccessTokenRateLimit.Enabled);
        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromSeconds(30)), (settings.AuditRetention, settings.CleanupInterval));
    }

    [Fact]
    public void Build_CapacityBelowTheDefaultRefill_RefillsNoMoreThanTheCapacity()
    {
        var settings = Build(", rateLimit: { login: { capacity: 5 } }");

        Assert.Equal(new SourceRateLimit(5, 5, TimeSpan.FromSeconds(1)), settings.LoginRateLimit);
    }

    [Theory]
    [InlineData(", rateLimit: { login: { capacity: -1 } }", "components.gateway.apiml.security.rateLimit.login.capacity")]
    [InlineData(", rateLimit: { login: { capacity: 5, tokens: 6 } }", "components.gateway.apiml.security.rateLimit.login.tokens")]
    [InlineData(", rateLimit: { accessToken: { refillDuration: 0 } }", "components.gateway.apiml.security.rateLimit.accessToken.refillDuration")]
    [InlineData(", audit: { retentionDays: 0 }", "components.gateway.apiml.security.audit.retentionDays")]
    public void Build_InvalidValue_FailsNamingTheKey(string keys, string key)
    {
        var error = Assert.Throws<ConfigException>(() => Build(keys));

        Assert.Equal(key, error.Key);
    }

    private static AuthSettings Build(string securityKeys, string authKeys = "") =>
        ZoweConfigLoader.Build(YamlTree.Parse(Base.Replace("%s", securityKeys, StringComparison.Ordinal).Replace("%a", authKeys, StringComparison.Ordinal), ConfigFile), ConfigFile, null).Auth;
}
