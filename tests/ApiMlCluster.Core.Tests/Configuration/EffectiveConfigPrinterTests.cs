using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Core.Tests.Configuration;

public sealed class EffectiveConfigPrinterTests
{
    private const string Yaml = """
        zowe:
          certificate:
            keystore: { type: PKCS12, file: /k.p12, password: s3cret-keystore, alias: apiml }
            truststore: { file: /t.p12, password: s3cret-trust }
        cluster:
          persistence:
            provider: postgresql
            connectionString: "Host=db;Username=apiml;Password=s3cret-db;Database=apiml"
        haInstances:
          lpar1: { hostname: one }
          lpar2: { hostname: two, components: { gateway: { port: 17554 } } }
        """;

    [Fact]
    public void Render_ByDefault_MasksEveryPassword()
    {
        var text = EffectiveConfigPrinter.Render(Load("lpar2"), showSecrets: false);

        Assert.DoesNotContain("s3cret", text);
        Assert.Contains("Password=********", text);
        Assert.Contains("password: '********'", text);
    }

    [Fact]
    public void Render_WithShowSecrets_PrintsThemAsConfigured()
    {
        var text = EffectiveConfigPrinter.Render(Load("lpar2"), showSecrets: true);

        Assert.Contains("s3cret-keystore", text);
        Assert.Contains("Password=s3cret-db", text);
    }

    [Fact]
    public void Render_ShowsMergedValuesAndDerivedSeedNodes()
    {
        var text = EffectiveConfigPrinter.Render(Load("lpar2"), showSecrets: false);

        Assert.Contains("id: lpar2", text);
        Assert.Contains("port: 17554", text);
        Assert.Contains("- akka.ssl.tcp://apiml@one:7560", text);
        Assert.Contains("- akka.ssl.tcp://apiml@two:7560", text);
        Assert.DoesNotContain("haInstances", text);
    }

    private static NodeConfig Load(string instance) =>
        ZoweConfigLoader.Build(YamlTree.Parse(ConfigMergeTests.Zosmf + Yaml, "/z/zowe.yaml"), "/z/zowe.yaml", instance);
}
