using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Discovery;

/// <summary>Static definitions, Zowe's staticApi list and reload, and the gateway's service list, on one real node.</summary>
public sealed class StaticApiAndServicesTests : IAsyncLifetime
{
    private const string Definitions = """
        services:
          - serviceId: staticclient
            title: Static client
            description: A service defined in a file
            catalogUiTileId: static
            instanceBaseUrls:
              - https://localhost:10012/staticclient
            homePageRelativeUrl: /
            routes:
              - gatewayUrl: api/v1
                serviceRelativeUrl: /api/v1
            apiInfo:
              - apiId: zowe.apiml.staticclient
                gatewayUrl: api/v1
                version: 1.0.0
            authentication:
              scheme: bypass
        catalogUiTiles:
          static:
            title: Static services
            description: Services registered from files
        additionalServiceMetadata:
          - serviceId: dynamicclient
            mode: UPDATE
            customMetadata:
              extra.owner: operations
        """;

    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(4);
    private RunningNode node = null!;
    private HttpClient anonymous = null!;

    private string DefinitionsDirectory => Path.Combine(temp.Root, "workspace", "api-mediation", "api-defs");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DefinitionsDirectory);
        await File.WriteAllTextAsync(Path.Combine(DefinitionsDirectory, "static.yml"), Definitions);
        temp.WriteFile("saf.yml", "safAccess:\n  ZOWE:\n    APIML.SERVICES:\n      READ: [USER]\n");
        const string security = "{ auth: { provider: dummy }, authorization: { dummy: { file: saf.yml } } }";
        node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports, security: security)), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        anonymous = TrustingClient.Create(node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync()
    {
        anonymous.Dispose();
        await node.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task StaticDefinition_AtStart_IsRegisteredWithItsRoutesAndTile()
    {
        var instance = await EventuallyStaticInstanceAsync("STATIC-localhost:staticclient:10012");

        var metadata = instance.GetProperty("metadata");
        Assert.Equal(("api/v1", "Static services"), (metadata.GetProperty("apiml.routes.api-v1.gatewayUrl").GetString(), metadata.GetProperty("apiml.catalog.tile.title").GetString()));
    }

    [Fact]
    public async Task StaticApiList_WithBasicCredentials_ListsTheStaticInstances()
    {
        using var response = await SendAsync(HttpMethod.Get, StaticApi, Basic("user", "user"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instances = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("instances");
        Assert.Equal("STATIC-localhost:staticclient:10012", Assert.Single(instances.EnumerateArray()).GetProperty("instanceId").GetString());
    }

    [Fact]
    public async Task StaticApiReload_AfterTheFileChanged_RegistersNewAndCancelsVanishedInstances()
    {
        await EventuallyStaticInstanceAsync("STATIC-localhost:staticclient:10012");
        await File.WriteAllTextAsync(Path.Combine(DefinitionsDirectory, "static.yml"), Definitions.Replace("https://localhost:10012/staticclient", "https://localhost:10013/staticclient"));

        using var response = await SendAsync(HttpMethod.Post, StaticApi, Basic("user", "user"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = await StaticInstanceIdsAsync();
        Assert.Equal(["STATIC-localhost:staticclient:10013"], ids);
    }

    [Fact]
    public async Task StaticApiReload_ByAUserWithoutTheAdminResource_Is403AndChangesNothing()
    {
        await EventuallyStaticInstanceAsync("STATIC-localhost:staticclient:10012");
        await File.WriteAllTextAsync(Path.Combine(DefinitionsDirectory, "static.yml"), Definitions.Replace("https://localhost:10012/staticclient", "https://localhost:10013/staticclient"));

        // The dummy provider's second user; the SAF file grants the admin resource only to USER.
        using var response = await SendAsync(HttpMethod.Post, StaticApi, Basic("expire", "expire"));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAT403E");
        Assert.Equal(["STATIC-localhost:staticclient:10012"], await StaticInstanceIdsAsync());
    }

    [Fact]
    public async Task StaticApiReload_ByAServiceCertificateMappedToNoUser_IsRefused()
    {
        using var client = TrustingClient.Create(node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(20), ServiceCertificates.IssueTrusted(node.Config, temp, "evil"));

        using var response = await client.PostAsync(Discovery(StaticApi), null);

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG161E");
    }

    [Fact]
    public async Task StaticApiReload_WithTheNodeCertificate_IsAllowed()
    {
        using var response = await node.Operator.PostAsync(Discovery(StaticApi), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StaticApi_WithoutCredentials_Is401()
    {
        using var response = await anonymous.GetAsync(Discovery(StaticApi));

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAO402E");
    }

    [Fact]
    public async Task StaticApi_WithWrongPassword_Is401()
    {
        using var response = await SendAsync(HttpMethod.Get, StaticApi, Basic("user", "wrong"));

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAG120E");
    }

    [Fact]
    public async Task StaticApi_WithTrustedClientCertificate_IsAllowed()
    {
        using var client = TrustingClient.Create(node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(20), ServiceCertificates.IssueTrusted(node.Config, temp, "operator"));

        using var response = await client.GetAsync(Discovery(StaticApi));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdditionalServiceMetadata_IsMergedIntoARegisteringService()
    {
        await EventuallyStaticInstanceAsync("STATIC-localhost:staticclient:10012");
        using var eureka = TrustingClient.Create(node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(20), ServiceCertificates.IssueTrusted(node.Config, temp, "dynamicclient"));
        var body = """{"instance":{"instanceId":"localhost:dynamicclient:10020","app":"DYNAMICCLIENT","hostName":"localhost","status":"UP","securePort":{"$":10020,"@enabled":"true"},"dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"},"metadata":{"version":"2.0.0"}}}""";
        using var registered = await eureka.PostAsync(Discovery("/eureka/apps/DYNAMICCLIENT"), new StringContent(body, Encoding.UTF8, "application/json"));

        using var response = await eureka.GetAsync(Discovery("/eureka/instances/localhost:dynamicclient:10020"));
        var metadata = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("instance").GetProperty("metadata");

        Assert.Equal((HttpStatusCode.NoContent, "operations"), (registered.StatusCode, metadata.GetProperty("extra.owner").GetString()));
    }

    [Fact]
    public async Task Services_WithToken_ListsTheServiceWithItsGatewayBaseUrl()
    {
        await EventuallyStaticInstanceAsync("STATIC-localhost:staticclient:10012");
        var token = await new AuthApi(anonymous, ports[0]).TokenAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, Gateway("/gateway/api/v1/services/staticclient"));
        request.Headers.Add("Cookie", $"apimlAuthenticationToken={token}");
        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("Content-Version")));
        var service = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var api = Assert.Single(service.GetProperty("apiml").GetProperty("apiInfo").EnumerateArray());
        Assert.Equal(("UP", $"https://localhost:{ports[0]}/staticclient/api/v1"), (service.GetProperty("status").GetString(), api.GetProperty("baseUrl").GetString()));
    }

    [Fact]
    public async Task Services_UnknownService_Is404()
    {
        using var response = await SendAsync(HttpMethod.Get, "/gateway/api/v1/services/nosuchservice", Basic("user", "user"), gateway: true);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Services_WithoutCredentials_Is401()
    {
        using var response = await anonymous.GetAsync(Gateway("/gateway/api/v1/services"));

        await AuthApi.MessageAsync(response, HttpStatusCode.Unauthorized, "ZWEAO402E");
    }

    private const string StaticApi = "/discovery/api/v1/staticApi";

    private async Task<JsonElement> EventuallyStaticInstanceAsync(string instanceId)
    {
        JsonElement? found = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await SendAsync(HttpMethod.Get, StaticApi, Basic("user", "user"));
            found = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("instances").EnumerateArray()
                .Where(i => i.GetProperty("instanceId").GetString() == instanceId).Select(i => (JsonElement?)i.Clone()).FirstOrDefault();
            using var services = await SendAsync(HttpMethod.Get, "/gateway/api/v1/services/staticclient", Basic("user", "user"), gateway: true);
            return found is not null && services.StatusCode == HttpStatusCode.OK;
        });
        return found!.Value;
    }

    private async Task<List<string?>> StaticInstanceIdsAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "/gateway/api/v1/services/staticclient", Basic("user", "user"), gateway: true);
        var service = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. service.GetProperty("instances").EnumerateObject().Select(p => (string?)p.Name)];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, AuthenticationHeaderValue authorization, bool gateway = false)
    {
        using var request = new HttpRequestMessage(method, gateway ? Gateway(path) : Discovery(path));
        request.Headers.Authorization = authorization;
        return await anonymous.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private Uri Discovery(string path) => new($"https://localhost:{ports[1]}{path}");

    private Uri Gateway(string path) => new($"https://localhost:{ports[0]}{path}");
}
