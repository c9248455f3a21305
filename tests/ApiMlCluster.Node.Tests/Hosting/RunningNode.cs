using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Cluster;
using ApiMlCluster.Node.Hosting;
using ApiMlCluster.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApiMlCluster.Node.Tests.Hosting;

/// <summary>A real node (Kestrel + Akka) in the test process, and an HTTPS client that trusts its local CA.</summary>
internal sealed class RunningNode : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningNode(WebApplication app, NodeConfig config)
    {
        this.app = app;
        Config = config;
        var tls = app.Services.GetRequiredService<TlsMaterial>();
        Client = TrustingClient.Create(tls.TrustAnchors, TimeSpan.FromSeconds(10));
        Operator = TrustingClient.Create(tls.TrustAnchors, TimeSpan.FromSeconds(10), tls.ServerCertificate);
    }

    public NodeConfig Config { get; }

    public HttpClient Client { get; }

    /// <summary>Presents the node's own certificate: sees health details, may change any registration.</summary>
    public HttpClient Operator { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<RunningNode> StartAsync(NodeConfig config)
    {
        var app = await NodeApplication.BuildAsync(config, TimeProvider.System, ClusterHocon.DefaultHoconDirectory, CancellationToken.None);
        await app.StartAsync();
        return new RunningNode(app, config);
    }

    public Uri Url(int port, string path) => new($"https://localhost:{port}{path}");

    public async Task<JsonElement> WaitForHealthAsync(string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Operator.GetAsync(Url(Config.Gateway.Port, "/application/health"));
            last = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (last.GetProperty("status").GetString() == status)
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"health did not become {status} within {timeout}; last: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Operator.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
