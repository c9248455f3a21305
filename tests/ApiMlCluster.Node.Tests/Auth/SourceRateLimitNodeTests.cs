using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Auth;

/// <summary>
/// Per-source limits on logins and PAT generations on a node of its own (3 logins and 2 generations per hour), over
/// real HTTPS; the second source is 127.0.0.2, which Linux routes over loopback like 127.0.0.1.
/// </summary>
public sealed class SourceRateLimitNodeTests : IAsyncLifetime
{
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(4);
    private RunningNode node = null!;
    private AuthApi api = null!;

    public async Task InitializeAsync()
    {
        const string security = """
            { auth: { provider: dummy }, rateLimit: { login: { capacity: 3, tokens: 1, refillDuration: 3600 }, accessToken: { capacity: 2, tokens: 1, refillDuration: 3600 } } }
            """;
        node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports, security: security)), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        api = new AuthApi(node.Client, ports[0]);
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task Login_BeyondTheSourcesCapacity_Is429WithRetryAfterAndAnotherSourceStillLogsIn()
    {
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await api.LoginAsync("user", "user");
            Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        }

        using var refused = await api.LoginAsync("user", "user");
        var message = await AuthApi.MessageAsync(refused, HttpStatusCode.TooManyRequests, "ZWESG429E");
        Assert.Equal("org.zowe.apiml.gateway.connectionsLimitApproached", message.GetProperty("messageKey").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.False(refused.Headers.Contains("Set-Cookie"));

        using var elsewhere = TrustingClient.Create(node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(10), source: IPAddress.Parse("127.0.0.2"));
        using var other = await new AuthApi(elsewhere, ports[0]).LoginAsync("user", "user");
        Assert.Equal(HttpStatusCode.NoContent, other.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPasswordsAlsoCount_SoGuessingFromOneAddressStops()
    {
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await api.LoginAsync($"guess{i}", "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var refused = await api.LoginAsync("user", "user");

        await AuthApi.MessageAsync(refused, HttpStatusCode.TooManyRequests, "ZWESG429E");
    }

    [Fact]
    public async Task GeneratePat_BeyondTheSourcesCapacity_Is429AndLoginsAreCountedApart()
    {
        for (var i = 0; i < 2; i++)
        {
            using var generated = await GenerateAsync();
            Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        }

        using var refused = await GenerateAsync();
        using var login = await api.LoginAsync("user", "user");

        await AuthApi.MessageAsync(refused, HttpStatusCode.TooManyRequests, "ZWESG429E");
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
    }

    private Task<HttpResponseMessage> GenerateAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, api.Url("/access-token/generate"))
        {
            Content = new StringContent("""{"validity":30,"scopes":["svc"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:user"u8.ToArray()));
        return node.Client.SendAsync(request);
    }
}
