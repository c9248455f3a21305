using System.Diagnostics;
using System.Net;
using ApiMlCluster.TestSupport;
using Xunit.Abstractions;

namespace ApiMlCluster.Cluster.Tests;

/// <summary>
/// Three node processes (scripts/cluster, one SQLite journal): a logout at any node ends the token at every node
/// at once, logins and logouts go on at the survivors right after a node is killed, and the revocation outlives the
/// killed node and a full cluster restart (what Zowe loses, api-layer#4193).
/// </summary>
public sealed class RevocationClusterTests(ITestOutputHelper output) : IDisposable
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
    public async Task LogoutAtOneNode_IsRejectedEverywhere_ThroughANodeKillAndAFullRestart()
    {
        Up();
        client = cluster.CreateClient(TimeSpan.FromSeconds(30));
        var api = All.ToDictionary(i => i, i => new AuthApi(client, cluster.GatewayPort(i)));

        var loggedOut = new List<string>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            var token = await api[1].TokenAsync();
            using var logout = await api[2].LogoutAsync(token);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            foreach (var node in All)
            {
                using var query = await api[node].QueryAsync(token);
                Assert.True(query.StatusCode == HttpStatusCode.Unauthorized, $"repetition {i}: lpar{node} answered {(int)query.StatusCode} right after the logout 204");
            }

            loggedOut.Add(token);
        }

        output.WriteLine($"200 × (login at lpar1, logout at lpar2, query at lpar1..3 → 401) in {watch.Elapsed.TotalSeconds:F1} s");
        var stillValid = await api[1].TokenAsync();

        // A crash must not pause logins or logouts at the survivors: nothing waits for lpar3 to be removed. Each call
        // has a generous client timeout (CI noise must not decide); the figure to watch is the slowest call.
        Assert.Equal(0, cluster.Run("kill", "lpar3").ExitCode);
        var whileDown = new List<string>();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 20; i++)
        {
            var started = Stopwatch.StartNew();
            var token = await api[1 + (i % 2)].TokenAsync();
            using var logout = await api[2 - (i % 2)].LogoutAsync(token);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            slowest = started.Elapsed > slowest ? started.Elapsed : slowest;
            whileDown.Add(token);
        }

        output.WriteLine($"20 × (login + logout at the survivors) right after kill -9 of lpar3: slowest pair {slowest.TotalMilliseconds:F0} ms");
        foreach (var survivor in new[] { 1, 2 })
        {
            await AssertRejectedAsync(api[survivor], whileDown, $"lpar{survivor} while lpar3 is down");
        }

        var (code, text) = cluster.Run("start", "lpar3");
        Assert.True(code == 0, text);
        await AssertRejectedAsync(api[3], whileDown, "lpar3 restarted after the logouts");
        await AssertAcceptedAsync(api[3], stillValid);

        (code, text) = cluster.Run("down");
        Assert.True(code == 0, text);
        Up();
        foreach (var node in All)
        {
            await AssertRejectedAsync(api[node], [.. loggedOut, .. whileDown], $"lpar{node} after a full cluster restart");
            await AssertAcceptedAsync(api[node], stillValid);
        }
    }

    private void Up()
    {
        var (code, text) = cluster.Run("up");
        output.WriteLine(text);
        Assert.True(code == 0, text);
    }

    private static async Task AssertRejectedAsync(AuthApi api, IEnumerable<string> tokens, string when)
    {
        foreach (var token in tokens)
        {
            using var query = await api.QueryAsync(token);
            Assert.True(query.StatusCode == HttpStatusCode.Unauthorized, $"{when}: a logged-out token got {(int)query.StatusCode}");
        }
    }

    private static async Task AssertAcceptedAsync(AuthApi api, string token)
    {
        using var query = await api.QueryAsync(token);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
    }
}
