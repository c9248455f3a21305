using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Node.Tests.Support;

/// <summary>
/// A southbound service for gateway tests: real Kestrel over TLS on 127.0.0.1 that answers every request with what
/// it received (method, path, query, headers, body length and SHA-256) and its own name, so a test sees exactly
/// what the gateway sent. A path ending in <c>/status/{code}</c> answers that status with a body of its own; one
/// ending in <c>/delay/{ms}</c> waits that long before echoing.
/// </summary>
internal sealed class EchoService : IAsyncDisposable
{
    private readonly WebApplication app;

    private EchoService(WebApplication app, string name, int port)
    {
        this.app = app;
        Name = name;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public static async Task<EchoService> StartAsync(string name, int port, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
            listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate })));
        var app = builder.Build();
        app.Map("/{**path}", async (HttpContext context) =>
        {
            var request = context.Request;
            var segments = (request.Path.Value ?? string.Empty).Split('/');
            if (segments.Length >= 2 && segments[^2] == "status" && int.TryParse(segments[^1], out var code))
            {
                context.Response.StatusCode = code;
                await context.Response.WriteAsync($"status {code} from {name}");
                return;
            }

            if (segments.Length >= 2 && segments[^2] == "delay" && int.TryParse(segments[^1], out var delay))
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            var length = 0L;
            var buffer = new byte[64 * 1024];
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0)
            {
                length += read;
                hash.AppendData(buffer, 0, read);
            }

            await context.Response.WriteAsJsonAsync(new
            {
                service = name,
                method = request.Method,
                path = request.Path.Value,
                query = request.QueryString.Value,
                headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                bodyLength = length,
                bodySha256 = Convert.ToHexString(hash.GetHashAndReset()),
            });
        });
        await app.StartAsync();
        return new EchoService(app, name, port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
