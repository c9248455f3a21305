using System.Net;
using System.Text.Json;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Hosting;

public sealed class NodeWithoutDatabaseTests
{
    [Fact]
    public async Task Health_WhenTheDatabaseIsUnreachable_IsDownWith503AndSaysWhy()
    {
        using var temp = new TempWorkspace();
        var ports = FreePorts.Take(5);
        var yaml = ZoweYaml.SingleNode(ports[..4]).Replace(
            "cluster:\n",
            $"cluster:\n  persistence:\n    provider: postgresql\n    connectionString: \"Host=127.0.0.1;Port={ports[4]};Database=apiml;Username=apiml;Password=secret-value;Timeout=1\"\n");
        await using var node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), null));

        var health = await node.WaitForHealthAsync("DOWN", TimeSpan.FromSeconds(30));
        using var response = await node.Client.GetAsync(node.Url(ports[0], "/application/health"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var persistence = health.GetProperty("components").GetProperty("persistence");
        Assert.Equal("DOWN", persistence.GetProperty("status").GetString());
        Assert.Equal("postgresql", persistence.GetProperty("details").GetProperty("provider").GetString());
        Assert.False(string.IsNullOrEmpty(persistence.GetProperty("details").GetProperty("error").GetString()));
        Assert.DoesNotContain("secret-value", health.ToString());
        Assert.Equal("UP", health.GetProperty("components").GetProperty("cluster").GetProperty("status").GetString());
    }
}
