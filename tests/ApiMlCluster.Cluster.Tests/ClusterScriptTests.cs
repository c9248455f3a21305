using Xunit.Abstractions;

namespace ApiMlCluster.Cluster.Tests;

/// <summary>Three node processes started by scripts/cluster, as an operator runs them.</summary>
public sealed class ClusterScriptTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] All = ["lpar1", "lpar2", "lpar3"];
    private readonly ClusterScript cluster = new();

    [Fact]
    public async Task KilledNode_IsRemovedBySurvivorsAndRejoinsWhenStartedAgain()
    {
        var (code, text) = cluster.Run("up");
        output.WriteLine(text);
        Assert.True(code == 0, text);
        foreach (var instance in new[] { 1, 2, 3 })
        {
            var health = await cluster.WaitForAsync(instance, h => AllUp(h, All), TimeSpan.FromSeconds(30));
            Assert.Equal("UP", health.GetProperty("status").GetString());
        }

        (code, text) = cluster.Run("kill", "lpar3");
        Assert.True(code == 0, text);
        var started = DateTime.UtcNow;
        foreach (var survivor in new[] { 1, 2 })
        {
            var health = await cluster.WaitForAsync(survivor, h => !ClusterScript.Members(h).ContainsKey("lpar3"), TimeSpan.FromSeconds(45));
            Assert.Contains(("lpar3", "Down"), ClusterScript.RecentlyRemoved(health));
            Assert.Equal("UP", health.GetProperty("status").GetString());
        }

        output.WriteLine($"lpar3 removed by both survivors {(DateTime.UtcNow - started).TotalSeconds:F1} s after SIGKILL");

        (code, text) = cluster.Run("start", "lpar3");
        output.WriteLine(text);
        Assert.True(code == 0, text);
        foreach (var instance in new[] { 1, 2, 3 })
        {
            await cluster.WaitForAsync(instance, h => AllUp(h, All), TimeSpan.FromSeconds(45));
        }
    }

    [Fact]
    public async Task GracefullyStoppedNode_LeavesTheClusterAndItsProcessExits()
    {
        var (code, text) = cluster.Run("up");
        Assert.True(code == 0, text);
        await cluster.WaitForAsync(1, h => AllUp(h, All), TimeSpan.FromSeconds(30));

        var started = DateTime.UtcNow;
        (code, text) = cluster.Run("stop", "lpar2");
        output.WriteLine(text);

        Assert.True(code == 0, text);
        Assert.Contains("lpar2: stopped", text);
        var health = await cluster.WaitForAsync(1, h => !ClusterScript.Members(h).ContainsKey("lpar2"), TimeSpan.FromSeconds(15));
        Assert.Contains(ClusterScript.RecentlyRemoved(health), r => r.HaInstance == "lpar2" && r.PreviousStatus == "Exiting");
        output.WriteLine($"lpar2 left and was removed {(DateTime.UtcNow - started).TotalSeconds:F1} s after SIGTERM");
        Assert.Contains("lpar2: not running", cluster.Run("status").Output);
    }

    public void Dispose() => cluster.Dispose();

    private static bool AllUp(System.Text.Json.JsonElement health, string[] instances)
    {
        var members = ClusterScript.Members(health);
        return instances.All(i => members.TryGetValue(i, out var status) && status == "Up");
    }
}
