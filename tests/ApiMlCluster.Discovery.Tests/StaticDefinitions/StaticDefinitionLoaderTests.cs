using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Discovery.StaticDefinitions;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Discovery.Tests.StaticDefinitions;

public sealed class StaticDefinitionLoaderTests : IDisposable
{
    // Zowe's own sample (config/local/api-defs/staticclient.yml in zowe/api-layer), trimmed to two services.
    private const string ZoweSample = """
        services:
            - serviceId: staticclient  # unique lowercase ID of the service
              catalogUiTileId: static
              title: Statically Defined API Service
              description: Sample to demonstrate how to add an API service with Swagger to API Catalog using a static YAML definition
              instanceBaseUrls:
                - https://localhost:10012/discoverableclient
              homePageRelativeUrl: /api/v1
              statusPageRelativeUrl: /application/info
              healthCheckRelativeUrl: /application/health
              routes:
                - gatewayUrl: api/v1
                  serviceRelativeUrl: /api/v1
                - gatewayUrl: ui/v1
                  serviceRelativeUrl: /
                - gatewayUrl: ws/v1
                  serviceRelativeUrl: /ws
              apiInfo:
                - apiId: zowe.apiml.discoverableclient
                  gatewayUrl: api/v1
                  swaggerUrl: https://localhost:10012/discoverableclient/v2/api-docs
              customMetadata:
                    apiml:
                        okToRetryOnAllOperations: true

            - serviceId: staticclient2
              catalogUiTileId: static
              title: Staticaly Defined Service 2
              description: Sample to demonstrate how to add an API service without Swagger documentation
              instanceBaseUrls:
                - https://localhost:10012/discoverableclient
              homePageRelativeUrl: /api/v1
              statusPageRelativeUrl: /application/info
              healthCheckRelativeUrl: /application/health
              routes:
                - gatewayUrl: api/v1
                  serviceRelativeUrl: /api/v1
              authentication:
                  scheme: httpBasicPassTicket
                  applid: TSTAPPL
              apiInfo:
                - apiId: zowe.apiml.discoverableclient
                  gatewayUrl: api/v1
                  version: 1.0.0

        additionalServiceMetadata:
            - serviceId: staticclient
              mode: UPDATE
              authentication:
                scheme: bypass
                applid: TSTAPPL

        catalogUiTiles:
            static:
                title: Static API Services
                description: Services which demonstrate how to make an API service discoverable in the APIML ecosystem using YAML definitions
        """;

    private readonly TempWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private static string? FakeDns(string host) => host switch
    {
        "localhost" => "127.0.0.1",
        "zos.example.com" => "10.1.2.3",
        _ => null,
    };

    private StaticDefinitionSet Load() => StaticDefinitionLoader.Load(workspace.Root, FakeDns);

    private static InstanceInfo Only(StaticDefinitionSet set, string serviceId) =>
        Assert.Single(set.Instances, instance => instance.ServiceId == serviceId);

    [Fact]
    public void Load_ZoweSample_CreatesOneInstancePerServiceWithoutErrors()
    {
        workspace.WriteFile("staticclient.yml", ZoweSample);

        var set = Load();

        Assert.Empty(set.Errors);
        Assert.Equal(["STATIC-localhost:staticclient:10012", "STATIC-localhost:staticclient2:10012"], set.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public void Load_ZoweSample_SetsInstanceFieldsAsZoweDoes()
    {
        workspace.WriteFile("staticclient.yml", ZoweSample);

        var instance = Only(Load(), "staticclient");

        Assert.Equal("STATICCLIENT", instance.App);
        Assert.Equal(("localhost", "127.0.0.1"), (instance.HostName, instance.IpAddr));
        Assert.Equal(("staticclient", "staticclient"), (instance.VipAddress, instance.SecureVipAddress));
        Assert.Equal(InstanceStatus.Up, instance.Status);
        Assert.Equal((10012, true, 10012, false), (instance.SecurePort, instance.SecurePortEnabled, instance.Port, instance.PortEnabled));
        Assert.Equal("https://localhost:10012/discoverableclient/api/v1", instance.HomePageUrl);
        Assert.Equal("https://localhost:10012/discoverableclient/application/info", instance.StatusPageUrl);
        Assert.Equal("https://localhost:10012/discoverableclient/application/health", instance.SecureHealthCheckUrl);
        Assert.Null(instance.HealthCheckUrl);
        Assert.True(instance.IsStatic);
    }

    [Fact]
    public void Load_ZoweSample_WritesZoweMetadata()
    {
        workspace.WriteFile("staticclient.yml", ZoweSample);

        var metadata = Only(Load(), "staticclient").Metadata;

        Assert.Equal(new Dictionary<string, string>
        {
            ["version"] = "2.2.0",
            ["apiml.service.title"] = "Statically Defined API Service",
            ["apiml.service.description"] = "Sample to demonstrate how to add an API service with Swagger to API Catalog using a static YAML definition",
            ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
            ["apiml.routes.api-v1.serviceUrl"] = "/discoverableclient/api/v1",
            ["apiml.routes.ui-v1.gatewayUrl"] = "ui/v1",
            ["apiml.routes.ui-v1.serviceUrl"] = "/discoverableclient/",
            ["apiml.routes.ws-v1.gatewayUrl"] = "ws/v1",
            ["apiml.routes.ws-v1.serviceUrl"] = "/discoverableclient/ws",
            ["apiml.catalog.tile.id"] = "static",
            ["apiml.catalog.tile.version"] = "1.0.0",
            ["apiml.catalog.tile.title"] = "Static API Services",
            ["apiml.catalog.tile.description"] = "Services which demonstrate how to make an API service discoverable in the APIML ecosystem using YAML definitions",
            ["apiml.apiInfo.api-v1.apiId"] = "zowe.apiml.discoverableclient",
            ["apiml.apiInfo.api-v1.gatewayUrl"] = "api/v1",
            ["apiml.apiInfo.api-v1.swaggerUrl"] = "https://localhost:10012/discoverableclient/v2/api-docs",
            ["apiml.apiInfo.api-v1.defaultApi"] = "false",
            ["apiml.okToRetryOnAllOperations"] = "true",
        }.OrderBy(e => e.Key, StringComparer.Ordinal), metadata);
    }

    [Fact]
    public void Load_ZoweSample_WritesAuthentication()
    {
        workspace.WriteFile("staticclient.yml", ZoweSample);

        var metadata = Only(Load(), "staticclient2").Metadata;

        Assert.Equal("httpBasicPassTicket", metadata["apiml.authentication.scheme"]);
        Assert.Equal("TSTAPPL", metadata["apiml.authentication.applid"]);
    }

    [Fact]
    public void Load_ZoweSample_KeepsAdditionalServiceMetadataInUpdateMode()
    {
        workspace.WriteFile("staticclient.yml", ZoweSample);

        var additional = Load().AdditionalMetadata["staticclient"];

        Assert.Equal(MetadataUpdateMode.Update, additional.Mode);
        Assert.Equal("bypass", additional.Metadata["apiml.authentication.scheme"]);
        Assert.Equal("TSTAPPL", additional.Metadata["apiml.authentication.applid"]);
    }

    [Fact]
    public void Load_HttpBaseUrl_EnablesThePlainPortAndHealthCheckUrl()
    {
        workspace.WriteFile("a.yml", """
            services:
              - serviceId: plain
                instanceBaseUrls: [http://zos.example.com:8080]
                healthCheckRelativeUrl: /health
            """);

        var instance = Only(Load(), "plain");

        Assert.Equal((8080, true, 0, false), (instance.Port, instance.PortEnabled, instance.SecurePort, instance.SecurePortEnabled));
        Assert.Equal("http://zos.example.com:8080/health", instance.HealthCheckUrl);
        Assert.Null(instance.SecureHealthCheckUrl);
        Assert.Equal("http://zos.example.com:8080", instance.HomePageUrl);
    }

    [Fact]
    public void Load_SeveralBaseUrls_CreateOneInstanceEach()
    {
        workspace.WriteFile("a.yml", """
            services:
              - serviceId: twice
                instanceBaseUrls: [https://localhost:1001/x, https://zos.example.com:1002/x]
            """);

        Assert.Equal(["STATIC-localhost:twice:1001", "STATIC-zos.example.com:twice:1002"], Load().Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public void Load_CustomMetadata_IsFlattenedToDottedKeys()
    {
        workspace.WriteFile("a.yml", """
            services:
              - serviceId: custom
                instanceBaseUrls: [https://localhost:1001]
                customMetadata:
                  zos:
                    sysname: SYS1
                  apiml.lb.type: authentication
                  empty:
                  flag: True
            """);

        var metadata = Only(Load(), "custom").Metadata;

        Assert.Equal("SYS1", metadata["zos.sysname"]);
        Assert.Equal("authentication", metadata["apiml.lb.type"]);
        Assert.Equal(string.Empty, metadata["empty"]);
        Assert.Equal("true", metadata["flag"]);
    }

    [Fact]
    public void Load_CustomMetadataWithList_SkipsTheServiceAndReportsIt()
    {
        workspace.WriteFile("a.yml", """
            services:
              - serviceId: listy
                instanceBaseUrls: [https://localhost:1001]
                customMetadata:
                  values: [a, b]
            """);

        var set = Load();

        Assert.Empty(set.Instances);
        Assert.Contains(set.Errors, e => e.Contains("listy", StringComparison.Ordinal) && e.Contains("customMetadata.values", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_InvalidYaml_IsReportedAndOtherFilesStillLoad()
    {
        workspace.WriteFile("a-broken.yml", "services: [ {serviceId: x");
        workspace.WriteFile("b-good.yml", "services:\n  - serviceId: good\n    instanceBaseUrls: [https://localhost:1001]\n");

        var set = Load();

        Assert.Contains(set.Errors, e => e.Contains("a-broken.yml", StringComparison.Ordinal));
        Assert.Equal("good", Assert.Single(set.Instances).ServiceId);
    }

    [Fact]
    public void Load_ServiceWithoutServiceId_IsReportedAndOthersLoad()
    {
        workspace.WriteFile("a.yml", """
            services:
              - instanceBaseUrls: [https://localhost:1001]
              - serviceId: good
                instanceBaseUrls: [https://localhost:1001]
            """);

        var set = Load();

        Assert.Contains(set.Errors, e => e.Contains("a.yml", StringComparison.Ordinal) && e.Contains("no serviceId", StringComparison.Ordinal));
        Assert.Equal("good", Assert.Single(set.Instances).ServiceId);
    }

    [Fact]
    public void Load_ServiceWithoutInstanceBaseUrls_IsReportedByName()
    {
        workspace.WriteFile("a.yml", "services:\n  - serviceId: nourls\n");

        var set = Load();

        Assert.Empty(set.Instances);
        Assert.Contains(set.Errors, e => e.Contains("a.yml", StringComparison.Ordinal) && e.Contains("'nourls'", StringComparison.Ordinal) && e.Contains("instanceBaseUrls", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://localhost/nopoort", "port")]
    [InlineData("ftp://localhost:21/x", "malformed")]
    [InlineData("not a url", "malformed")]
    [InlineData("https://unknown.invalid:1001", "unknown")]
    public void Load_BadBaseUrl_SkipsThatInstanceAndReportsIt(string url, string expected)
    {
        workspace.WriteFile("a.yml", $"services:\n  - serviceId: bad\n    instanceBaseUrls: ['{url}', 'https://localhost:1001']\n");

        var set = Load();

        Assert.Equal("STATIC-localhost:bad:1001", Assert.Single(set.Instances).InstanceId);
        Assert.Contains(set.Errors, e => e.Contains("'bad'", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownTileId_ReportsAndCreatesInstanceWithoutTile()
    {
        workspace.WriteFile("a.yml", "services:\n  - serviceId: t\n    catalogUiTileId: nope\n    instanceBaseUrls: [https://localhost:1001]\n");

        var set = Load();

        Assert.DoesNotContain("apiml.catalog.tile.id", Assert.Single(set.Instances).Metadata.Keys);
        Assert.Contains(set.Errors, e => e.Contains("nope", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownScheme_IsReportedAndLeftOut()
    {
        workspace.WriteFile("a.yml", "services:\n  - serviceId: s\n    instanceBaseUrls: [https://localhost:1001]\n    authentication:\n      scheme: magic\n");

        var set = Load();

        Assert.DoesNotContain("apiml.authentication.scheme", Assert.Single(set.Instances).Metadata.Keys);
        Assert.Contains(set.Errors, e => e.Contains("magic", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ApiInfoAndRoutedServicesAlias_AreWritten()
    {
        workspace.WriteFile("a.yml", """
            services:
              - serviceId: s
                instanceBaseUrls: [https://localhost:1001/base]
                routedServices:
                  - gatewayUrl: /api/v2/
                    serviceRelativeUrl: /v2
                apiInfo:
                  - apiId: my.api
                    gatewayUrl: api/v2
                    version: 2.0.0
                    graphqlUrl: https://localhost:1001/graphql
                    documentationUrl: https://docs
                    defaultApi: true
            """);

        var metadata = Only(Load(), "s").Metadata;

        Assert.Equal("api/v2", metadata["apiml.routes.api-v2.gatewayUrl"]);
        Assert.Equal("/base/v2", metadata["apiml.routes.api-v2.serviceUrl"]);
        Assert.Equal("2.0.0", metadata["apiml.apiInfo.api-v2.version"]);
        Assert.Equal("https://localhost:1001/graphql", metadata["apiml.apiInfo.api-v2.graphqlUrl"]);
        Assert.Equal("https://docs", metadata["apiml.apiInfo.api-v2.documentationUrl"]);
        Assert.Equal("true", metadata["apiml.apiInfo.api-v2.defaultApi"]);
    }

    [Fact]
    public void Load_FilesInNameOrderWithBothExtensions_AreAllRead()
    {
        workspace.WriteFile("b.yaml", "services:\n  - serviceId: b\n    instanceBaseUrls: [https://localhost:1002]\n");
        workspace.WriteFile("a.yml", "services:\n  - serviceId: a\n    instanceBaseUrls: [https://localhost:1001]\n");
        workspace.WriteFile("c.txt", "services:\n  - serviceId: c\n    instanceBaseUrls: [https://localhost:1003]\n");

        var set = Load();

        Assert.Equal(["a", "b"], set.Instances.Select(i => i.ServiceId));
        Assert.Equal(["a.yml", "b.yaml"], set.Files.Select(Path.GetFileName));
    }

    [Fact]
    public void Load_FileOverTheSizeCap_IsReportedAndNotRead()
    {
        workspace.WriteFile("big.yml", "# " + new string('x', (int)StaticDefinitionLoader.MaxFileBytes) + "\n");

        var set = Load();

        Assert.Contains(set.Errors, e => e.Contains("big.yml", StringComparison.Ordinal) && e.Contains("bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_YamlAliases_AreRefused()
    {
        workspace.WriteFile("bomb.yml", "a: &a [x, x]\nb: &b [*a, *a]\nservices: []\n");

        var set = Load();

        Assert.Contains(set.Errors, e => e.Contains("bomb.yml", StringComparison.Ordinal) && e.Contains("aliases", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownKey_IsReportedAndTheServiceStillLoads()
    {
        workspace.WriteFile("a.yml", "services:\n  - serviceId: s\n    colour: red\n    instanceBaseUrls: [https://localhost:1001]\n");

        var set = Load();

        Assert.Single(set.Instances);
        Assert.Contains(set.Errors, e => e.Contains("services[0].colour", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingDirectory_IsReported()
    {
        var set = StaticDefinitionLoader.Load(Path.Combine(workspace.Root, "absent"), FakeDns);

        Assert.Empty(set.Instances);
        Assert.Single(set.Errors);
    }

    [Fact]
    public void Load_SameInstanceInTwoFiles_KeepsTheLaterAndReportsIt()
    {
        workspace.WriteFile("a.yml", "services:\n  - serviceId: s\n    title: first\n    instanceBaseUrls: [https://localhost:1001]\n");
        workspace.WriteFile("b.yml", "services:\n  - serviceId: s\n    title: second\n    instanceBaseUrls: [https://localhost:1001]\n");

        var set = Load();

        Assert.Equal("second", Assert.Single(set.Instances).Metadata["apiml.service.title"]);
        Assert.Contains(set.Errors, e => e.Contains("more than once", StringComparison.Ordinal));
    }
}
