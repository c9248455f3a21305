using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Discovery;

/// <summary>
/// Who may change what in the registry, on one real node without <c>registration.owners</c> (the development
/// default: a service belongs to the certificate that registered it). Alice and Mallory hold ordinary service
/// certificates from the node's CA, as every onboarded service does; the operator holds the node's certificate.
/// </summary>
public sealed class RegistrationOwnershipTests(RegistrationOwnershipTests.OwnershipNode fixture) : IClassFixture<RegistrationOwnershipTests.OwnershipNode>
{
    private readonly OwnershipNode node = fixture;

    [Fact]
    public async Task Register_ServiceHeldByAnotherCertificate_Is403AndTheOwnersInstanceStays()
    {
        await node.RegisterAsync(node.Alice, "claimed", 1);

        using var response = await node.Mallory.PostAsync(node.Url("/eureka/apps/CLAIMED"), EurekaRegistrations.Json("claimed", 2));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAD807E");
        Assert.Equal(["localhost:claimed:1"], await node.InstanceIdsAsync("CLAIMED"));
    }

    [Fact]
    public async Task Register_SameInstanceIdByAnotherCertificate_Is403AndKeepsTheOwnersMetadata()
    {
        await node.RegisterAsync(node.Alice, "overwritten", 3);

        using var response = await node.Mallory.PostAsync(node.Url("/eureka/apps/OVERWRITTEN"),
            EurekaRegistrations.Json("overwritten", 3, EurekaRegistrations.Metadata("overwritten", ("apiml.authentication.scheme", "zoweJwt"))));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAD807E");
        Assert.False((await node.InstanceAsync("localhost:overwritten:3")).GetProperty("metadata").TryGetProperty("apiml.authentication.scheme", out _));
    }

    [Theory]
    [InlineData("PUT", "/status?value=OUT_OF_SERVICE")]
    [InlineData("DELETE", "/status")]
    [InlineData("DELETE", "")]
    [InlineData("PUT", "/metadata?apiml.authentication.scheme=bypass")]
    [InlineData("PUT", "?status=UP")]
    public async Task Change_InstanceOfAnotherCertificate_Is403AndChangesNothing(string method, string suffix)
    {
        var serviceId = "victim" + Math.Abs(suffix.GetHashCode(StringComparison.Ordinal) % 10000) + method.ToLowerInvariant();
        await node.RegisterAsync(node.Alice, serviceId, 4);

        using var response = await node.Mallory.SendAsync(new HttpRequestMessage(new HttpMethod(method),
            node.Url($"/eureka/apps/{serviceId.ToUpperInvariant()}/localhost:{serviceId}:4{suffix}")));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAD807E");
        var instance = await node.InstanceAsync($"localhost:{serviceId}:4");
        Assert.Equal(("UP", false), (instance.GetProperty("status").GetString(), instance.GetProperty("metadata").TryGetProperty("apiml.authentication.scheme", out _)));
    }

    [Fact]
    public async Task Change_OwnInstance_IsAllowed()
    {
        await node.RegisterAsync(node.Alice, "ownchange", 5);

        using var put = await node.Alice.PutAsync(node.Url("/eureka/apps/OWNCHANGE/localhost:ownchange:5/status?value=OUT_OF_SERVICE"), null);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("OUT_OF_SERVICE", (await node.InstanceAsync("localhost:ownchange:5")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_ByTheNodeCertificate_RemovesAnotherCertificatesInstance()
    {
        await node.RegisterAsync(node.Alice, "operated", 6);

        using var cancel = await node.Operator.DeleteAsync(node.Url("/eureka/apps/OPERATED/localhost:operated:6"));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Empty(await node.InstanceIdsAsync("OPERATED"));
    }

    [Theory]
    [InlineData("cachingservice")]
    [InlineData("gateway")]
    [InlineData("apicatalog")]
    public async Task Register_ApiMlOwnServiceId_Is403(string serviceId)
    {
        using var response = await node.Mallory.PostAsync(node.Url($"/eureka/apps/{serviceId.ToUpperInvariant()}"), EurekaRegistrations.Json(serviceId, 9999));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAD807E");
        Assert.DoesNotContain($"localhost:{serviceId}:9999", await node.InstanceIdsAsync(serviceId.ToUpperInvariant()));
    }

    [Fact]
    public async Task Register_ApimlIdThatIsAnotherServicesId_Is409AndTheServiceKeepsItsPath()
    {
        await node.RegisterAsync(node.Alice, "pathowner", 7);

        using var response = await node.Mallory.PostAsync(node.Url("/eureka/apps/AAA"),
            EurekaRegistrations.Json("aaa", 8, EurekaRegistrations.Metadata("aaa", ("apiml.service.apimlId", "pathowner"))));

        await AuthApi.MessageAsync(response, HttpStatusCode.Conflict, "ZWEAD809E");
        Assert.Empty(await node.InstanceIdsAsync("AAA"));
    }

    [Fact]
    public async Task Register_ApimlIdOfTheApiMlItself_Is409()
    {
        using var response = await node.Mallory.PostAsync(node.Url("/eureka/apps/SHADOW"),
            EurekaRegistrations.Json("shadow", 9, EurekaRegistrations.Metadata("shadow", ("apiml.service.apimlId", "cachingservice"))));

        await AuthApi.MessageAsync(response, HttpStatusCode.Conflict, "ZWEAD809E");
    }

    [Fact]
    public async Task Register_ExternalUrlForAServiceTheOperatorDidNotAllow_Is403()
    {
        using var response = await node.Mallory.PostAsync(node.Url("/eureka/apps/SSRF"),
            EurekaRegistrations.Json("ssrf", 10, EurekaRegistrations.Metadata("ssrf", ("apiml.service.externalUrl", $"https://localhost:{node.Ports[1]}"))));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAD807E");
        Assert.Empty(await node.InstanceIdsAsync("SSRF"));
    }

    [Fact]
    public async Task Register_ExternalUrlForAnAllowedService_Is204()
    {
        using var response = await node.Alice.PostAsync(node.Url("/eureka/apps/DOMAINGW"),
            EurekaRegistrations.Json("domaingw", 11, EurekaRegistrations.Metadata("domaingw", ("apiml.service.externalUrl", "https://localhost:17554"))));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("ptapp", "TSOAPPL", HttpStatusCode.NoContent)]
    [InlineData("ptapp2", "TSOAPPL", HttpStatusCode.Forbidden)]
    [InlineData("ptapp3", "CICSPROD", HttpStatusCode.Forbidden)]
    public async Task Register_Applid_OnlyFromTheServicesAllowList(string serviceId, string applId, HttpStatusCode expected)
    {
        using var response = await node.Alice.PostAsync(node.Url($"/eureka/apps/{serviceId.ToUpperInvariant()}"),
            EurekaRegistrations.Json(serviceId, 12, EurekaRegistrations.Metadata(serviceId, ("apiml.authentication.scheme", "httpBasicPassTicket"), ("apiml.authentication.applid", applId))));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Register_HostOutsideTheAllowedDomains_Is400()
    {
        using var response = await node.Alice.PostAsync(node.Url("/eureka/apps/FARAWAY"), EurekaRegistrations.Json("faraway", 13, host: "evil.example.org"));

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAD810E");
        Assert.Contains("evil.example.org", message.GetProperty("messageContent").GetString(), StringComparison.Ordinal);
        Assert.Empty(await node.InstanceIdsAsync("FARAWAY"));
    }

    [Fact]
    public async Task Register_SwaggerUrlOutsideTheAllowedDomains_Is400()
    {
        using var response = await node.Alice.PostAsync(node.Url("/eureka/apps/DOCLINK"),
            EurekaRegistrations.Json("doclink", 14, EurekaRegistrations.Metadata("doclink", ("apiml.apiInfo.0.swaggerUrl", "https://169.254.169.254/latest/meta-data"))));

        await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAD810E");
    }

    [Fact]
    public async Task Register_LeaseLongerThanTheLimit_Is400()
    {
        using var response = await node.Alice.PostAsync(node.Url("/eureka/apps/FOREVER"), EurekaRegistrations.Json("forever", 15, leaseSeconds: int.MaxValue));

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.BadRequest, "ZWEAD801E");
        Assert.Contains("maxLeaseSeconds", message.GetProperty("messageContent").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetadataUpdates_AddingUpBeyondTheLimit_AreRefusedOnceTheMergedTotalIsOver()
    {
        await node.RegisterAsync(node.Alice, "growing", 16);
        var value = new string('B', 6000);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var put = await node.Alice.PutAsync(node.Url($"/eureka/apps/GROWING/localhost:growing:16/metadata?k{i}={value}"), null);
            statuses.Add(put.StatusCode);
        }

        // 64 K characters in all: ten 6 K values fit, the eleventh would not.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 10), HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], statuses);
        Assert.True((await node.InstanceAsync("localhost:growing:16")).GetProperty("metadata").EnumerateObject().Sum(p => p.Name.Length + p.Value.GetString()!.Length) <= 64 * 1024);
    }

    [Fact]
    public async Task Register_MoreInstancesThanTheServiceLimit_Is403()
    {
        for (var port = 1; port <= 3; port++)
        {
            await node.RegisterAsync(node.Alice, "crowded", port);
        }

        using var response = await node.Alice.PostAsync(node.Url("/eureka/apps/CROWDED"), EurekaRegistrations.Json("crowded", 4));

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAD808E");
        Assert.Equal(3, (await node.InstanceIdsAsync("CROWDED")).Count);
    }

    /// <summary>One node whose policy allows <c>externalUrl</c> for domaingw, APPLID TSOAPPL for ptapp, three instances per service.</summary>
    public sealed class OwnershipNode : IAsyncLifetime
    {
        private readonly TempWorkspace temp = new();
        private RunningNode running = null!;

        public int[] Ports { get; } = FreePorts.Take(4);

        public HttpClient Alice { get; private set; } = null!;

        public HttpClient Mallory { get; private set; } = null!;

        public HttpClient Operator { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            const string policy = "{ registration: { maxInstancesPerService: 3, externalUrl: [domaingw], applids: { ptapp: [TSOAPPL] } } }";
            running = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(Ports, discoverySecurity: policy)), null));
            await running.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
            var tls = running.Services.GetRequiredService<TlsMaterial>();
            Alice = Client(tls, ServiceCertificates.IssueTrusted(running.Config, temp, "alice"));
            Mallory = Client(tls, ServiceCertificates.IssueTrusted(running.Config, temp, "mallory"));
            Operator = Client(tls, tls.ServerCertificate);
        }

        public Uri Url(string path) => new($"https://localhost:{Ports[1]}{path}");

        public async Task RegisterAsync(HttpClient client, string serviceId, int port)
        {
            using var response = await client.PostAsync(Url($"/eureka/apps/{serviceId.ToUpperInvariant()}"), EurekaRegistrations.Json(serviceId, port));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        public async Task<List<string>> InstanceIdsAsync(string app)
        {
            using var response = await Operator.GetAsync(Url($"/eureka/apps/{app}"));
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return [];
            }

            var application = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("application");
            return [.. application.GetProperty("instance").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!)];
        }

        public async Task<JsonElement> InstanceAsync(string instanceId)
        {
            using var response = await Operator.GetAsync(Url($"/eureka/instances/{instanceId}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("instance");
        }

        public async Task DisposeAsync()
        {
            foreach (var client in new[] { Alice, Mallory, Operator })
            {
                client.Dispose();
            }

            await running.DisposeAsync();
            temp.Dispose();
        }

        private static HttpClient Client(TlsMaterial tls, X509Certificate2 certificate) => TrustingClient.Create(tls.TrustAnchors, TimeSpan.FromSeconds(20), certificate);
    }
}
