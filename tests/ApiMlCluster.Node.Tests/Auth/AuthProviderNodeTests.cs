using System.Net;
using System.Net.Sockets;
using ApiMlCluster.Auth.Providers.FileStore;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiMlCluster.Node.Tests.Auth;

/// <summary>The provider zowe.yaml chooses is the one a node logs in against.</summary>
public sealed class AuthProviderNodeTests : IDisposable
{
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(4);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task FileProvider_UserAddedToTheUsersFile_LogsInWithUpperCaseId()
    {
        new UsersFile(Path.Combine(temp.Root, "users.yaml")).Add("alice", "s3cret-Pw");
        await using var node = await StartAsync("{ auth: { provider: file, file: { usersFile: users.yaml } } }");
        var api = new AuthApi(node.Client, ports[0]);

        using var wrong = await api.LoginAsync("alice", "nope");
        var token = await api.TokenAsync("alice", "s3cret-Pw");

        await AuthApi.MessageAsync(wrong, HttpStatusCode.Unauthorized, "ZWEAG120E");
        Assert.Equal("ALICE", new JsonWebToken(token).Subject);
        Assert.Equal("file", new JsonWebToken(token).GetClaim("dom").Value);
    }

    [Fact]
    public async Task ZosmfProvider_ZosmfUnreachable_Is503ServiceUnavailableNot401()
    {
        var closedPort = ClosedPort();
        var yaml = ZoweYaml.SingleNode(ports, security: "{ auth: { provider: zosmf } }") + $"\nzOSMF:\n  host: 127.0.0.1\n  port: {closedPort}\n";
        await using var node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));

        using var response = await new AuthApi(node.Client, ports[0]).LoginAsync("user", "user");

        var message = await AuthApi.MessageAsync(response, HttpStatusCode.ServiceUnavailable, "ZWEAG104E");
        Assert.Contains("connection refused", message.GetProperty("messageContent").GetString());
    }

    [Fact]
    public async Task Refresh_NotAllowed_IsNotFound()
    {
        await using var node = await StartAsync(ZoweYaml.DummySecurity);

        using var response = await new AuthApi(node.Client, ports[0]).SendWithCookieAsync(HttpMethod.Post, "/refresh", "x");

        await AuthApi.MessageAsync(response, HttpStatusCode.NotFound, "ZWEAO404E");
    }

    [Fact]
    public async Task UniqueCookie_NamesTheCookieAfterTheCookieIdentifier()
    {
        var yaml = ZoweYaml.SingleNode(ports, security: "{ auth: { provider: dummy, uniqueCookie: true } }").Replace("zowe:\n", "zowe:\n  cookieIdentifier: 7\n");
        await using var node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        var api = new AuthApi(node.Client, ports[0], "apimlAuthenticationToken.7");

        using var query = await api.QueryAsync(await api.TokenAsync());

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
    }

    private async Task<RunningNode> StartAsync(string security)
    {
        var node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports, security: security)), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        return node;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
