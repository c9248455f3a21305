using System.Net;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Auth;

/// <summary>The login throttle on a node of its own: the flood cools its target user down, which would disturb tests sharing a node.</summary>
public sealed class LoginThrottleNodeTests : IAsyncLifetime
{
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(4);
    private RunningNode node = null!;
    private AuthApi api = null!;

    public async Task InitializeAsync()
    {
        node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports, security: "{ auth: { provider: dummy }, rateLimit: { login: { capacity: 0 } } }")), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        api = new AuthApi(node.Client, ports[0]);
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task Login_FloodOfWrongPasswordsForOneUser_OthersStillLogInAndTheTargetCoolsDown()
    {
        var flood = Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await api.LoginAsync("user", "guess");
            return response.StatusCode;
        }).ToList();
        using var other = await api.LoginAsync("expire", "expire");
        var statuses = await Task.WhenAll(flood);

        Assert.Equal(HttpStatusCode.NoContent, other.StatusCode);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        using var rightPasswordWhileCooling = await api.LoginAsync("user", "user");
        await AuthApi.MessageAsync(rightPasswordWhileCooling, HttpStatusCode.Unauthorized, "ZWEAG120E");
    }
}
