using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace ApiMlCluster.Cluster.Tests;

/// <summary>
/// Three node processes (scripts/cluster, one SQLite journal): cache entries written at one node are read at the
/// others, stay readable and writable at the survivors when that node is killed, and outlive a full restart.
/// </summary>
public sealed class CachingClusterTests(ITestOutputHelper output) : IDisposable
{
    private const int Keys = 24;
    private readonly ClusterScript cluster = new();
    private HttpClient? client;

    public void Dispose()
    {
        client?.Dispose();
        cluster.Dispose();
    }

    [Fact]
    public async Task EntriesWrittenAtOneNode_AreReadEverywhere_SurviveItsKillAndAFullRestart()
    {
        Up();
        client = cluster.CreateClient(TimeSpan.FromSeconds(60), cluster.IssueClientCertificate("cache-user"));

        // Enough keys to land in buckets (and shards) hosted by every node, lpar1 included.
        for (var i = 0; i < Keys; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(1, HttpMethod.Post, "/cache", $$"""{"key":"k{{i}}","value":"v{{i}}"}"""));
        }

        Assert.Equal(HttpStatusCode.Created, await StatusAsync(1, HttpMethod.Post, "/cache-list/invalidUsers", """{"key":"u","value":"123"}"""));
        foreach (var node in new[] { 2, 3 })
        {
            await AssertEntriesAsync(node, "v", $"lpar{node} right after the writes at lpar1");
        }

        Assert.Equal(0, cluster.Run("kill", "lpar1").ExitCode);
        foreach (var survivor in new[] { 2, 3 })
        {
            await cluster.WaitForAsync(survivor, h => !ClusterScript.Members(h).ContainsKey("lpar1"), TimeSpan.FromSeconds(45));
        }

        foreach (var node in new[] { 2, 3 })
        {
            await AssertEntriesAsync(node, "v", $"lpar{node} after lpar1 was killed");
        }

        for (var i = 0; i < Keys; i++)
        {
            var node = 2 + (i % 2);
            Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(node, HttpMethod.Put, "/cache", $$"""{"key":"k{{i}}","value":"w{{i}}"}"""));
        }

        await AssertEntriesAsync(3, "w", "lpar3 after updates at lpar2 and lpar3");

        var (code, text) = cluster.Run("down");
        Assert.True(code == 0, text);
        Up();
        foreach (var node in new[] { 1, 2, 3 })
        {
            await AssertEntriesAsync(node, "w", $"lpar{node} after a full cluster restart");
            using var map = await SendAsync(node, HttpMethod.Get, "/cache-list/invalidUsers");
            Assert.Equal("123", JsonDocument.Parse(await map.Content.ReadAsStringAsync()).RootElement.GetProperty("u").GetString());
        }
    }

    private async Task AssertEntriesAsync(int node, string prefix, string when)
    {
        for (var i = 0; i < Keys; i++)
        {
            using var response = await SendAsync(node, HttpMethod.Get, $"/cache/k{i}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{when}: k{i} answered {(int)response.StatusCode} {body}");
            Assert.Equal(prefix + i, JsonDocument.Parse(body).RootElement.GetProperty("value").GetString());
        }

        using var all = await SendAsync(node, HttpMethod.Get, "/cache");
        Assert.Equal(Keys, JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.EnumerateObject().Count());
    }

    private async Task<HttpStatusCode> StatusAsync(int node, HttpMethod method, string path, string body)
    {
        using var response = await SendAsync(node, method, path, body);
        return response.StatusCode;
    }

    private Task<HttpResponseMessage> SendAsync(int node, HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, $"https://localhost:{cluster.CachingPort(node)}/cachingservice/api/v1{path}");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return client!.SendAsync(request);
    }

    private void Up()
    {
        var (code, text) = cluster.Run("up");
        output.WriteLine(text);
        Assert.True(code == 0, text);
    }
}
