using System.Net;
using System.Text.Json;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Caching;

/// <summary>The node registers its caching port in discovery, so the gateway routes <c>/cachingservice/api/v1</c> to it.</summary>
public sealed class CachingRegistrationTests(CachingNode fixture) : IClassFixture<CachingNode>
{
    [Fact]
    public async Task Discovery_ListsTheCachingServiceWithItsRouteAndTheX509Scheme()
    {
        using var client = fixture.Client(fixture.Alpha);
        JsonElement? instance = null;

        await Eventually.TrueAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://localhost:{fixture.DiscoveryPort}/eureka/apps/CACHINGSERVICE");
            request.Headers.Add("Accept", "application/json");
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            instance = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("application").GetProperty("instance")[0].Clone();
            return true;
        });

        var metadata = instance!.Value.GetProperty("metadata");
        Assert.Equal($"localhost:cachingservice:{fixture.CachingPort}", instance.Value.GetProperty("instanceId").GetString());
        Assert.Equal(("/cachingservice/api/v1", "x509"), (metadata.GetProperty("apiml.routes.api-v1.serviceUrl").GetString(), metadata.GetProperty("apiml.authentication.scheme").GetString()));
    }

    [Fact]
    public async Task Gateway_RoutesToTheCachingService_WhichRefusesACallerWithoutCertificateInTheApimlNamespace()
    {
        using var anonymous = fixture.Client(null);
        HttpStatusCode status = default;
        string body = string.Empty;

        // The route appears once the registration reached the node's routing table.
        await Eventually.TrueAsync(async () =>
        {
            using var response = await anonymous.GetAsync($"https://localhost:{fixture.GatewayPort}/cachingservice/api/v1/cache");
            (status, body) = (response.StatusCode, await response.Content.ReadAsStringAsync());
            return status != HttpStatusCode.NotFound && status != HttpStatusCode.ServiceUnavailable;
        });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("ZWECS702E", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_X509Scheme_WritesInTheCallersNamespace_AsADirectCallReadsIt()
    {
        using var alpha = fixture.Client(fixture.Alpha);
        var key = "via-gateway-" + Guid.NewGuid().ToString("N")[..8];
        HttpStatusCode created = default;

        await Eventually.TrueAsync(async () =>
        {
            using var body = new StringContent($$"""{"key":"{{key}}","value":"through the gateway"}""", System.Text.Encoding.UTF8, "application/json");
            using var response = await alpha.PostAsync($"https://localhost:{fixture.GatewayPort}/cachingservice/api/v1/cache", body);
            created = response.StatusCode;
            return created != HttpStatusCode.NotFound && created != HttpStatusCode.ServiceUnavailable;
        });
        using var direct = await alpha.GetAsync(fixture.Url($"/cache/{key}"));
        var entry = JsonDocument.Parse(await direct.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal(("through the gateway", fixture.Alpha.Subject), (entry.GetProperty("value").GetString(), entry.GetProperty("serviceId").GetString()));
    }
}
