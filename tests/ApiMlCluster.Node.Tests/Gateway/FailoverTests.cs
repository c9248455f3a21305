using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>Timeouts, retries on other instances and passive health, through one real node's gateway port.</summary>
public sealed class FailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string RoutingOptions = $"{ZoweYaml.DummySecurity}, routing: {{ instanceIdHeader: true }}";
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(9);
    private readonly List<EchoService> echoes = [];
    private RunningNode node = null!;
    private HttpClient eureka = null!;
    private HttpClient client = null!;
    private X509Certificate2 serviceCertificate = null!;

    private int GatewayPort => ports[0];

    public async Task InitializeAsync()
    {
        node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports, security: RoutingOptions)), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        var anchors = node.Services.GetRequiredService<TlsMaterial>().TrustAnchors;
        serviceCertificate = ServiceCertificates.IssueTrusted(node.Config, temp, "localhost", "127.0.0.1");
        eureka = TrustingClient.Create(anchors, TimeSpan.FromSeconds(20), serviceCertificate);
        client = TrustingClient.Create(anchors, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        foreach (var echo in echoes)
        {
            await echo.DisposeAsync();
        }

        eureka.Dispose();
        client.Dispose();
        await node.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task ServiceResponseTimeout_Is504WithZWEAM700ELongBeforeTheGatewayDefault()
    {
        await StartAndRegisterAsync("slow", ports[4], EurekaRegistrations.Metadata("slow", ("apiml.responseTimeout", "500")));
        var clock = Stopwatch.StartNew();

        using var response = await client.GetAsync(Gateway("/slow/api/v1/delay/30000"));

        await AuthApi.MessageAsync(response, HttpStatusCode.GatewayTimeout, "ZWEAM700E");
        output.WriteLine($"504 after {clock.ElapsedMilliseconds} ms (service timeout 500 ms, gateway default 60 s)");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Get_InstanceRefusingConnections_IsRetriedOnTheOtherInstance()
    {
        await RegisterAsync("echo", ports[5]);
        await StartAndRegisterAsync("echo", ports[4]);

        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(Gateway("/echo/api/v1/x"));
            Assert.Equal($"echo-{ports[4]}", (await EchoAsync(response)).GetProperty("service").GetString());
        }
    }

    [Fact]
    public async Task Get_InstanceNotAcceptingConnectionsInItsConnectTimeout_IsMarkedAndRetriedOnTheOtherInstance()
    {
        // A listener that never accepts, with its queue full: the kernel drops further SYNs, so connects hang.
        using var silent = new Socket(SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, ports[5]));
        silent.Listen(1);
        var fillers = new List<Socket>();
        for (var i = 0; i < 4; i++)
        {
            var filler = new Socket(SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(filler);
            _ = filler.ConnectAsync(IPAddress.Loopback, ports[5]);
        }

        try
        {
            var metadata = EurekaRegistrations.Metadata("echo", ("apiml.connectTimeout", "300"));
            await RegisterAsync("echo", ports[5], metadata);
            await StartAndRegisterAsync("echo", ports[4], metadata);

            for (var i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync(Gateway("/echo/api/v1/x"));
                Assert.Equal($"echo-{ports[4]}", (await EchoAsync(response)).GetProperty("service").GetString());
            }

            var silentInstance = node.Services.GetRequiredService<ApiMlCluster.Gateway.Routing.RouteTableHolder>().Current.Find("echo")!.Instances.Single(i => i.Instance.SecurePort == ports[5]);
            Assert.Equal(InstanceState.Down, node.Services.GetRequiredService<InstanceHealth>().StateOf(silentInstance));
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task Post_InstanceRefusingConnections_IsNotRetriedAndIs503InZoweFormat()
    {
        await RegisterAsync("echo", ports[5]);
        await StartAndRegisterAsync("echo", ports[4]);

        // Round robin sends one of two requests to the dead instance; a retried POST would make both 200.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.PostAsync(Gateway("/echo/api/v1/x"), new StringContent("{}"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await AuthApi.MessageAsync(response, HttpStatusCode.ServiceUnavailable, "ZWEAO503E");
            }

            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], statuses.Order());
    }

    [Fact]
    public async Task InstanceStoppedUnderLoad_ClientsSeeNoErrorsAndItGetsNoAttemptsAfterItWasMarked()
    {
        var doomed = await StartAndRegisterAsync("echo", ports[4]);
        await StartAndRegisterAsync("echo", ports[5]);
        var attemptsOnDoomed = new ConcurrentQueue<(TimeSpan At, string? Error)>();
        var clock = Stopwatch.StartNew();
        using var listener = ListenToGatewayAttempts(ports[4], attemptsOnDoomed, clock);

        var errors = new ConcurrentQueue<string>();
        var served = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.GetAsync(Gateway("/echo/api/v1/x"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref served);
                }
                else
                {
                    errors.Enqueue($"{clock.Elapsed.TotalSeconds:F2} s: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var stoppedAt = clock.Elapsed;
        echoes.Remove(doomed);
        await doomed.DisposeAsync();
        await Task.WhenAll(load);

        var failed = attemptsOnDoomed.Where(a => a.At > stoppedAt && a.Error is not null).ToList();
        output.WriteLine($"{served} requests served, {errors.Count} errors; {failed.Count} failed attempts on the stopped instance, "
            + $"the last {(failed.Count == 0 ? 0 : (failed[^1].At - stoppedAt).TotalMilliseconds):F0} ms after the stop");
        Assert.Empty(errors);
        var markedBy = (failed.Count > 0 ? failed[0].At : stoppedAt) + TimeSpan.FromSeconds(1);
        Assert.DoesNotContain(attemptsOnDoomed, a => a.At > markedBy);
    }

    [Fact]
    public async Task InstanceIdHeaderEnabled_ResponseNamesTheInstanceRoutedTo()
    {
        await StartAndRegisterAsync("echo", ports[4]);

        using var response = await client.GetAsync(Gateway("/echo/api/v1/x"));

        Assert.Equal($"localhost:echo:{ports[4]}", Assert.Single(response.Headers.GetValues("X-InstanceId")));
    }

    /// <summary>The gateway's outgoing requests to one port, from .NET's own HTTP client metrics (the node runs in this process).</summary>
    private static MeterListener ListenToGatewayAttempts(int port, ConcurrentQueue<(TimeSpan At, string? Error)> attempts, Stopwatch clock)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            object? serverPort = null;
            string? error = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port")
                {
                    serverPort = tag.Value;
                }
                else if (tag.Key == "error.type")
                {
                    error = tag.Value?.ToString();
                }
            }

            if (serverPort is int p && p == port)
            {
                attempts.Enqueue((clock.Elapsed, error));
            }
        });
        listener.Start();
        return listener;
    }


    private async Task<EchoService> StartAndRegisterAsync(string serviceId, int port, Dictionary<string, string>? metadata = null)
    {
        var echo = await EchoService.StartAsync($"{serviceId}-{port}", port, serviceCertificate);
        echoes.Add(echo);
        await RegisterAsync(serviceId, port, metadata);
        return echo;
    }

    private async Task RegisterAsync(string serviceId, int port, Dictionary<string, string>? metadata = null)
    {
        using var response = await eureka.PostAsync(new Uri($"https://localhost:{ports[1]}/eureka/apps/{serviceId.ToUpperInvariant()}"), EurekaRegistrations.Json(serviceId, port, metadata));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<JsonElement> EchoAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private Uri Gateway(string path) => new($"https://localhost:{GatewayPort}{path}");
}
