using System.Net;
using System.Text;
using System.Text.Json;

namespace ApiMlCluster.Node.Tests.Caching;

/// <summary>The cache-list maps (PAT revocation storage) of the caching REST API on a real node.</summary>
public sealed class CacheListEndpointTests(CachingNode fixture) : IClassFixture<CachingNode>, IDisposable
{
    private readonly HttpClient alpha = fixture.Client(fixture.Alpha);
    private readonly string service = "svc-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => alpha.Dispose();

    [Fact]
    public async Task Post_SameItemTwice_IsAnUpsertAnsweredWith201BothTimes()
    {
        using var first = await SendAsync(HttpMethod.Post, "/cache-list/invalidUsers", """{"key":"u1","value":"100"}""");
        using var second = await SendAsync(HttpMethod.Post, "/cache-list/invalidUsers", """{"key":"u1","value":"200"}""");
        var map = await JsonAsync(await SendAsync(HttpMethod.Get, "/cache-list/invalidUsers"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal("200", map.GetProperty("u1").GetString());
    }

    [Fact]
    public async Task Post_MoreItemsThanTheEntryLimit_AreAllKept()
    {
        // storage.size (32) limits the cache map only: refusing a revocation would leave a token valid.
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/cache-list/invalidTokens", $$"""{"key":"t{{i}}","value":"x"}""")).StatusCode);
        }

        Assert.Equal(40, (await JsonAsync(await SendAsync(HttpMethod.Get, "/cache-list/invalidTokens"))).EnumerateObject().Count());
    }

    [Fact]
    public async Task GetMap_Unknown_IsAnEmptyObject()
    {
        using var response = await SendAsync(HttpMethod.Get, "/cache-list/nothing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await JsonAsync(response)).EnumerateObject());
    }

    [Fact]
    public async Task GetAll_AnswersEveryMapOfTheNamespaceOnly()
    {
        (await SendAsync(HttpMethod.Post, "/cache-list/invalidUsers", """{"key":"u","value":"1"}""")).Dispose();
        (await SendAsync(HttpMethod.Post, "/cache-list/invalidScopes", """{"key":"s","value":"2"}""")).Dispose();
        using var beta = fixture.Client(fixture.Beta);
        (await SendAsync(HttpMethod.Post, "/cache-list/invalidTokens", """{"key":"t","value":"3"}""", beta)).Dispose();

        var maps = await JsonAsync(await SendAsync(HttpMethod.Get, "/cache-list"));

        Assert.Equal(["invalidScopes", "invalidUsers"], maps.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2", maps.GetProperty("invalidScopes").GetProperty("s").GetString());
    }

    [Fact]
    public async Task Post_InvalidItem_Is400ZWECS130E()
    {
        using var response = await SendAsync(HttpMethod.Post, "/cache-list/invalidUsers", """{"value":"1"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ZWECS130E", (await JsonAsync(response)).GetProperty("messages")[0].GetProperty("messageNumber").GetString());
    }

    [Fact]
    public async Task EvictTokens_Is204AndDropsOnlyExpiredTokens()
    {
        var expired = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ss");
        var valid = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss");
        (await SendAsync(HttpMethod.Post, "/cache-list/invalidTokens", $$"""{"key":"old","value":"{\"expiresAt\":\"{{expired}}\"}"}""")).Dispose();
        (await SendAsync(HttpMethod.Post, "/cache-list/invalidTokens", $$"""{"key":"live","value":"{\"expiresAt\":\"{{valid}}\"}"}""")).Dispose();

        using var evicted = await SendAsync(HttpMethod.Delete, "/cache-list/evict/tokens/invalidTokens");
        var map = await JsonAsync(await SendAsync(HttpMethod.Get, "/cache-list/invalidTokens"));

        Assert.Equal(HttpStatusCode.NoContent, evicted.StatusCode);
        Assert.Equal(["live"], map.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task EvictRules_Is204AndDropsRulesOlderThanNinetyDays()
    {
        var old = DateTimeOffset.UtcNow.AddDays(-100).ToUnixTimeMilliseconds();
        var recent = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        (await SendAsync(HttpMethod.Post, "/cache-list/invalidUsers", $$"""{"key":"old","value":"{{old}}"}""")).Dispose();
        (await SendAsync(HttpMethod.Post, "/cache-list/invalidUsers", $$"""{"key":"recent","value":"{{recent}}"}""")).Dispose();

        using var evicted = await SendAsync(HttpMethod.Delete, "/cache-list/evict/rules/invalidUsers");
        var map = await JsonAsync(await SendAsync(HttpMethod.Get, "/cache-list/invalidUsers"));

        Assert.Equal(HttpStatusCode.NoContent, evicted.StatusCode);
        Assert.Equal(["recent"], map.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task CacheList_WithoutClientCertificate_Is401ZWECS702E()
    {
        using var anonymous = fixture.Client(null);

        using var response = await SendAsync(HttpMethod.Get, "/cache-list", client: anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, fixture.Url(path));
        request.Headers.Add("X-CS-Service-ID", service);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await (client ?? alpha).SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
