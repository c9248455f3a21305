using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using ApiMlCluster.Node.Tests.Support;
using Xunit.Abstractions;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>Bodies and event streams pass through the gateway as they are produced, never buffered whole.</summary>
public sealed class StreamingTests(DefaultGateway gateway, ITestOutputHelper output) : IClassFixture<DefaultGateway>
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    /// <summary>
    /// Everything runs in this process (client, gateway, service), so the managed heap's growth bounds what any of
    /// them buffered. 100 MB each way through a buffering hop would show as 100 MB; streaming stays at a few buffers.
    /// </summary>
    [Fact]
    public async Task HundredMegabytes_UpAndDown_UseBoundedMemory()
    {
        await gateway.StartServiceAsync("bulk");
        using var sampler = new MemorySampler();

        using var upload = await gateway.Client.PostAsync(gateway.Gateway("/bulk/api/v1/upload"), new GeneratedContent(HundredMegabytes));
        var echo = await GatewayFixture.EchoAsync(upload);

        using var download = await gateway.Client.GetAsync(gateway.Gateway($"/bulk/api/v1/download/{HundredMegabytes}"), HttpCompletionOption.ResponseHeadersRead);
        var (length, intact) = await ReadGeneratedAsync(download);

        var (heapGrowth, workingSetGrowth) = await sampler.StopAsync();
        output.WriteLine($"managed heap growth {heapGrowth / (1024 * 1024.0):F1} MB, working set growth {workingSetGrowth / (1024 * 1024.0):F1} MB");
        Assert.Equal((HundredMegabytes, GeneratedContent.Sha256(HundredMegabytes)), (echo.GetProperty("bodyLength").GetInt64(), echo.GetProperty("bodySha256").GetString()));
        Assert.Equal((HundredMegabytes, true), (length, intact));
        Assert.True(heapGrowth < 64L * 1024 * 1024, $"managed heap grew by {heapGrowth / (1024 * 1024)} MB");
    }

    [Fact]
    public async Task ServerSentEvents_EachReachesTheClientBeforeTheServiceSendsTheNext()
    {
        var echo = await gateway.StartServiceAsync("events");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await gateway.Client.GetAsync(gateway.Gateway("/events/api/v1/sse/3"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        for (var i = 0; i < 3; i++)
        {
            // The service sends event i only after this release, which happens only after event i - 1 arrived here.
            if (i > 0)
            {
                echo.ReleaseEvent();
            }

            Assert.Equal($"id: {i}", await reader.ReadLineAsync(timeout.Token));
            Assert.Equal($"data: event {i}", await reader.ReadLineAsync(timeout.Token));
            Assert.Equal(string.Empty, await reader.ReadLineAsync(timeout.Token));
        }
    }

    [Fact]
    public async Task StreamLongerThanTheResponseTimeout_IsNotCutWhileDataFlows()
    {
        await gateway.StartServiceAsync("ticks", EurekaRegistrations.Metadata("ticks", ("apiml.responseTimeout", "3000")));

        // Eight events one second apart: 7 s in all, more than twice the service's 3 s timeout, which bounds only silence.
        using var response = await gateway.Client.GetAsync(gateway.Gateway("/ticks/api/v1/ticks/8/1000"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(8, body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task UploadThatPausesLongerThanKestrelsGracePeriod_IsNotCut()
    {
        await gateway.StartServiceAsync("slowup");

        // 1 KB, then 7 s of silence: 146 B/s, under Kestrel's default minimum body rate of 240 B/s after a 5 s grace.
        using var response = await gateway.Client.PostAsync(gateway.Gateway("/slowup/api/v1/x"), new PausingContent(1024, TimeSpan.FromSeconds(7)));

        Assert.Equal(2048, (await GatewayFixture.EchoAsync(response)).GetProperty("bodyLength").GetInt64());
    }

    [Fact]
    public async Task Http2_FromClientToGatewayAndFromGatewayToService()
    {
        await gateway.StartServiceAsync("h2");
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.Gateway("/h2/api/v1/x"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new GeneratedContent(5 * 1024 * 1024),
        };

        using var response = await gateway.Client.SendAsync(request);
        var echo = await GatewayFixture.EchoAsync(response);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(("HTTP/2", 5L * 1024 * 1024), (echo.GetProperty("protocol").GetString(), echo.GetProperty("bodyLength").GetInt64()));
    }

    private static async Task<(long Length, bool Intact)> ReadGeneratedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var length = 0L;
        var intact = true;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                intact &= buffer[i] == EchoService.GeneratedByte(length + i);
            }

            length += read;
        }

        return (length, intact);
    }

    /// <summary>Two parts of <c>part</c> bytes with a pause between them, as a client streaming something slow would send.</summary>
    private sealed class PausingContent(int part, TimeSpan pause) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(new byte[part]);
            await stream.FlushAsync();
            await Task.Delay(pause);
            await stream.WriteAsync(new byte[part]);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 2L * part;
            return true;
        }
    }

    /// <summary>A request body of <c>length</c> generated bytes, written 64 KB at a time and never held whole.</summary>
    private sealed class GeneratedContent(long length) : HttpContent
    {
        public static string Sha256(long length)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var chunk = new byte[64 * 1024];
            for (var offset = 0L; offset < length; offset += chunk.Length)
            {
                var count = (int)Math.Min(chunk.Length, length - offset);
                Fill(chunk, offset, count);
                hash.AppendData(chunk, 0, count);
            }

            return Convert.ToHexString(hash.GetHashAndReset());
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            for (var offset = 0L; offset < length; offset += chunk.Length)
            {
                var count = (int)Math.Min(chunk.Length, length - offset);
                Fill(chunk, offset, count);
                await stream.WriteAsync(chunk.AsMemory(0, count));
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }

        private static void Fill(byte[] chunk, long offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                chunk[i] = EchoService.GeneratedByte(offset + i);
            }
        }
    }

    /// <summary>Samples the managed heap and the working set every 20 ms; growth is the peak over the settled start.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly long heapStart;
        private readonly long workingSetStart;
        private readonly Task<(long Heap, long WorkingSet)> sampling;

        public MemorySampler()
        {
            heapStart = GC.GetTotalMemory(forceFullCollection: true);
            workingSetStart = Process.GetCurrentProcess().WorkingSet64;
            sampling = Task.Run(async () =>
            {
                var (heap, workingSet) = (heapStart, workingSetStart);
                using var process = Process.GetCurrentProcess();
                while (!stop.IsCancellationRequested)
                {
                    process.Refresh();
                    heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
                    workingSet = Math.Max(workingSet, process.WorkingSet64);
                    await Task.Delay(20, CancellationToken.None);
                }

                return (heap, workingSet);
            });
        }

        public async Task<(long HeapGrowth, long WorkingSetGrowth)> StopAsync()
        {
            await stop.CancelAsync();
            var (heap, workingSet) = await sampling;
            return (heap - heapStart, workingSet - workingSetStart);
        }

        public void Dispose() => stop.Dispose();
    }
}
