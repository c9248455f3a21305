using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace ApiMlCluster.Cluster.Tests;

/// <summary>
/// Three node processes (scripts/cluster, one SQLite journal): a PAT revoked at one node is rejected at the others
/// right after the 204, user and scope rules made at one node are in effect at the others, and all of it survives a
/// full cluster restart (what Zowe's Infinispan store loses, zowe/docs-site#5078).
/// </summary>
public sealed class PatClusterTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int[] All = [1, 2, 3];
    private readonly ClusterScript cluster = new();
    private HttpClient? client;

    public void Dispose()
    {
        client?.Dispose();
        cluster.Dispose();
    }

    [Fact]
    public async Task RevocationsAndRules_MadeAtOneNode_HoldAtEveryNode_AndAfterAFullRestart()
    {
        // The dummy SAF provider's default file: "user" may revoke by user and by scope.
        Directory.CreateDirectory(cluster.Workspace);
        File.WriteAllText(Path.Combine(cluster.Workspace, "saf.yml"), "safAccess:\n  ZOWE:\n    APIML.SERVICES:\n      READ: [user]\n");
        var watch = Stopwatch.StartNew();
        Up();
        output.WriteLine($"cluster up in {watch.Elapsed.TotalSeconds:F1} s");
        client = cluster.CreateClient(TimeSpan.FromSeconds(30));

        watch.Restart();
        var revoked = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var pat = await GenerateAsync(1, "svc");
            using var revoke = await SendAsync(2, HttpMethod.Delete, "/access-token/revoke", $$"""{"token":"{{pat}}"}""", basic: false);
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
            foreach (var node in All)
            {
                Assert.True(await ValidateAsync(node, pat, "svc") == HttpStatusCode.Unauthorized, $"repetition {i}: lpar{node} accepted the PAT right after its revocation at lpar2");
            }

            revoked.Add(pat);
        }

        output.WriteLine($"50 × (generate at lpar1, revoke at lpar2, validate at lpar1..3 → 401) in {watch.Elapsed.TotalSeconds:F1} s");

        var scoped = await GenerateAsync(1, "scoped", "other");
        var other = await GenerateAsync(1, "other");
        using (var scopeRule = await SendAsync(2, HttpMethod.Delete, "/access-token/revoke/tokens/scope", """{"serviceId":"scoped"}"""))
        {
            Assert.Equal(HttpStatusCode.NoContent, scopeRule.StatusCode);
        }

        foreach (var node in All)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await ValidateAsync(node, scoped, "other"));
            Assert.Equal(HttpStatusCode.NoContent, await ValidateAsync(node, other, "other"));
        }

        using (var userRule = await SendAsync(3, HttpMethod.Delete, "/access-token/revoke/tokens/user", """{"userId":"user"}"""))
        {
            Assert.Equal(HttpStatusCode.NoContent, userRule.StatusCode);
        }

        foreach (var node in All)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await ValidateAsync(node, other, "other"));
        }

        // Rules revoke tokens issued at or before them (iat has whole seconds); a later PAT is good.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var later = await GenerateAsync(2, "other");
        Assert.Equal(HttpStatusCode.NoContent, await ValidateAsync(1, later, "other"));

        var (code, text) = cluster.Run("down");
        Assert.True(code == 0, text);
        watch.Restart();
        Up();
        output.WriteLine($"full restart up in {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var node in All)
        {
            foreach (var pat in revoked.Take(10).Append(scoped).Append(other))
            {
                Assert.True(await ValidateAsync(node, pat, "other") == HttpStatusCode.Unauthorized, $"lpar{node} accepted a revoked PAT after a full restart");
            }

            Assert.Equal(HttpStatusCode.NoContent, await ValidateAsync(node, later, "other"));
        }
    }

    private void Up()
    {
        var (code, text) = cluster.Run("up");
        output.WriteLine(text);
        Assert.True(code == 0, text);
    }

    private async Task<string> GenerateAsync(int node, params string[] scopes)
    {
        using var response = await SendAsync(node, HttpMethod.Post, "/access-token/generate", $$"""{"validity":1,"scopes":[{{string.Join(",", scopes.Select(s => $"\"{s}\""))}}]}""");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"generate at lpar{node}: {(int)response.StatusCode} {body}");
        return body;
    }

    private async Task<HttpStatusCode> ValidateAsync(int node, string pat, string serviceId)
    {
        using var response = await SendAsync(node, HttpMethod.Post, "/access-token/validate", $$"""{"token":"{{pat}}","serviceId":"{{serviceId}}"}""", basic: false);
        return response.StatusCode;
    }

    private Task<HttpResponseMessage> SendAsync(int node, HttpMethod method, string path, string body, bool basic = true)
    {
        var request = new HttpRequestMessage(method, new Uri($"https://localhost:{cluster.GatewayPort(node)}/gateway/api/v1/auth{path}"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:user"u8.ToArray()));
        }

        return client!.SendAsync(request);
    }
}
