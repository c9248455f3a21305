using System.Net;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Chaos.Cluster;
using ApiMlCluster.Chaos.Workload;
using ApiMlCluster.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Chaos;

/// <summary>
/// Two instances of the echo service in the runner's process (Kestrel over TLS with a certificate of the cluster's
/// CA), registered through discovery like any Eureka client: a registration at one node, a renewal every few
/// seconds at the next node that answers, and a new registration when a renewal answers 404.
/// </summary>
internal sealed class EchoInstances : IAsyncDisposable
{
    public const int LeaseSeconds = 90;
    public const int RenewSeconds = 3;
    private readonly List<WebApplication> apps = [];
    private readonly Endpoints endpoints;
    private readonly History history;
    private readonly CancellationTokenSource stopping = new();
    private Task renewals = Task.CompletedTask;

    private EchoInstances(Endpoints endpoints, History history, int[] ports)
    {
        this.endpoints = endpoints;
        this.history = history;
        Ports = ports;
    }

    public int[] Ports { get; }

    /// <summary>Renewals answered 404 (the registry had lost or expired the instance) and re-registrations made.</summary>
    public int LostLeases { get; private set; }

    public static string NameOf(int port) => $"echo-{port}";

    public static async Task<EchoInstances> StartAsync(Endpoints endpoints, History history, X509Certificate2 certificate)
    {
        var echo = new EchoInstances(endpoints, history, FreePorts.Take(2));
        foreach (var port in echo.Ports)
        {
            echo.apps.Add(await StartAppAsync(port, certificate));
        }

        return echo;
    }

    /// <summary>Registers both instances at <paramref name="node"/>; false when a registration was not acknowledged.</summary>
    public async Task<bool> RegisterAsync(int node)
    {
        var all = true;
        foreach (var port in Ports)
        {
            all &= await RegisterAsync(node, port) == 204;
        }

        return all;
    }

    public void StartRenewing() => renewals = RenewLoopAsync(stopping.Token);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await renewals;
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        stopping.Dispose();
    }

    private async Task<int> RegisterAsync(int node, int port)
    {
        var json = Registration.Json(Endpoints.EchoService, port, LeaseSeconds, RenewSeconds);
        var url = endpoints.Discovery(node, $"/eureka/apps/{Endpoints.EchoService.ToUpperInvariant()}");
        var answer = await Endpoints.SendAsync(endpoints.WithCertificate, Endpoints.Request(HttpMethod.Post, url, json));
        return answer.Status;
    }

    private async Task RenewLoopAsync(CancellationToken cancellationToken)
    {
        var next = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(RenewSeconds), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var port in Ports)
            {
                // Like a Eureka client with several service URLs: the next node, then the others until one answers.
                for (var tried = 0; tried < ChaosCluster.Size; tried++)
                {
                    var node = ChaosCluster.Nodes[next++ % ChaosCluster.Size];
                    var started = history.Now;
                    var url = endpoints.Discovery(node, $"/eureka/apps/{Endpoints.EchoService.ToUpperInvariant()}/{Registration.InstanceId(Endpoints.EchoService, port)}?status=UP");
                    var answer = await Endpoints.SendAsync(endpoints.WithCertificate, Endpoints.Request(HttpMethod.Put, url));
                    var step = Step.Of(answer, acknowledged: true, 200);
                    history.Add(new Attempt(started, node, "echo-renew", answer.Status, step.Outcome, (history.Now - started) * 1000, step.Acknowledged, tried, step.Note));
                    if (answer.Status == 404)
                    {
                        LostLeases++;
                        await RegisterAsync(node, port);
                    }

                    if (!step.Retry)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static async Task<WebApplication> StartAppAsync(int port, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
            listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate })));
        var app = builder.Build();
        var name = NameOf(port);
        app.Map("/{**path}", async (HttpContext context) =>
        {
            var length = 0L;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                length += read;
            }

            await context.Response.WriteAsJsonAsync(new { service = name, method = context.Request.Method, path = context.Request.Path.Value, bodyLength = length });
        });
        await app.StartAsync();
        return app;
    }
}
