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
public sealed class FailoverTests(FailoverTests.InstanceIdGateway gateway, ITestOutputHelper output) : IClassFixture<FailoverTests.InstanceIdGateway>
{
    private static int tests;

    // Per test (xunit makes an instance per test): fresh instance ports and a service id no other test of the shared node uses.
    private readonly int[] ports = FreePorts.Take(6);
    private readonly string service = $"failover{Interlocked.Increment(ref tests)}";
    private readonly RunningNode node = gateway.Node;
    private readonly HttpClient client = gateway.Client;

    [Fact]
    public async Task ServiceResponseTimeout_Is504WithZWEAM700ELongBeforeTheGatewayDefault()
    {
        await StartAndRegisterAsync(service, ports[4], EurekaRegistrations.Metadata(service, ("apiml.responseTimeout", "500")));
        var clock = Stopwatch.StartNew();

        using var response = await client.GetAsync(Gateway($"/{service}/api/v1/delay/30000"));

        await AuthApi.MessageAsync(response, HttpStatusCode.GatewayTimeout, "ZWEAM700E");
        output.WriteLine($"504 after {clock.ElapsedMilliseconds} ms (service timeout 500 ms, gateway default 60 s)");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Get_InstanceRefusingConnections_IsRetriedOnTheOtherInstance()
    {
        await RegisterAsync(service, ports[5]);
        await StartAndRegisterAsync(service, ports[4]);

        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(Gateway($"/{service}/api/v1/x"));
            Assert.Equal($"{service}-{ports[4]}", (await EchoAsync(response)).GetProperty("service").GetString());
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
            var metadata = EurekaRegistrations.Metadata(service, ("apiml.connectTimeout", "300"));
            await RegisterAsync(service, ports[5], metadata);
            await StartAndRegisterAsync(service, ports[4], metadata);

            for (var i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync(Gateway($"/{service}/api/v1/x"));
                Assert.Equal($"{service}-{ports[4]}", (await EchoAsync(response)).GetProperty("service").GetString());
            }

            var silentInstance = node.Services.GetRequiredService<ApiMlCluster.Gateway.Routing.RouteTableHolder>().Current.Find(service)!.Instances.Single(i => i.Instance.SecurePort == ports[5]);
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
        await RegisterAsync(service, ports[5]);
        await StartAndRegisterAsync(service, ports[4]);

        // Round robin sends one of two requests to the dead instance; a retried POST would make both 200.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.PostAsync(Gateway($"/{service}/api/v1/x"), new StringContent("{}"));
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
        var doomed = await StartAndRegisterAsync(service, ports[4]);
        await StartAndRegisterAsync(service, ports[5]);
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
                using var response = await client.GetAsync(Gateway($"/{service}/api/v1/x"));
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
        await StartAndRegisterAsync(service, ports[4]);

        using var response = await client.GetAsync(Gateway($"/{service}/api/v1/x"));

        Assert.Equal($"localhost:{service}:{ports[4]}", Assert.Single(response.Headers.GetValues("X-InstanceId")));
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
        var echo = await gateway.StartServiceAsync(serviceId, metadata, port);
        return echo;
    }

    private Task RegisterAsync(string serviceId, int port, Dictionary<string, string>? metadata = null) => gateway.RegisterAsync(serviceId, port, metadata);

    private static Task<JsonElement> EchoAsync(HttpResponseMessage response) => GatewayFixture.EchoAsync(response);

    private Uri Gateway(string path) => gateway.Gateway(path);

    /// <summary>The gateway names the instance it routed to (<c>apiml.routing.instanceIdHeader</c>).</summary>
    public sealed class InstanceIdGateway : GatewayFixture
    {
        protected override string GatewaySettings => "routing: { instanceIdHeader: true }";
    }
}
