using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Tests.Authorization;

/// <summary>
/// ZSS's <c>/saf-auth/{user}/{class}/{entity}/{level}</c> over real TLS on 127.0.0.1: authorized when
/// <see cref="Grants"/> holds the user, class and entity with that level or a higher one.
/// </summary>
internal sealed class FakeSafAuth : IAsyncDisposable
{
    private static readonly string[] Levels = ["READ", "UPDATE", "CONTROL", "ALTER"];
    private readonly WebApplication app;
    private int calls;

    private FakeSafAuth(WebApplication app) => this.app = app;

    /// <summary>"USER/CLASS/ENTITY" to the level granted.</summary>
    public ConcurrentDictionary<string, string> Grants { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int? FailWithStatus { get; set; }

    public bool ReportError { get; set; }

    public TimeSpan Delay { get; set; }

    public int Calls => Volatile.Read(ref calls);

    public ConcurrentQueue<string> Paths { get; } = new();

    public ConcurrentQueue<string?> ClientCertificates { get; } = new();

    public int Port { get; private set; }

    public Uri BaseUrl => new($"https://localhost:{Port}/saf-auth");

    public static async Task<FakeSafAuth> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));
        var app = builder.Build();
        var fake = new FakeSafAuth(app);
        app.MapGet("/saf-auth/{user}/{resourceClass}/{entity}/{level}", (Delegate)fake.CheckAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Port = new Uri(address).Port;
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> CheckAsync(HttpContext context, string user, string resourceClass, string entity, string level)
    {
        Interlocked.Increment(ref calls);
        Paths.Enqueue(context.Request.Path.Value ?? string.Empty);
        ClientCertificates.Enqueue(context.Connection.ClientCertificate?.Subject);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (FailWithStatus is { } status)
        {
            return Results.StatusCode(status);
        }

        if (ReportError)
        {
            return Results.Json(new { authorized = false, error = true, message = "ESM returned RC 8" });
        }

        var granted = Grants.TryGetValue($"{user}/{resourceClass}/{entity}", out var held)
            && Array.IndexOf(Levels, held.ToUpperInvariant()) >= Array.IndexOf(Levels, level.ToUpperInvariant());
        return Results.Json(new { authorized = granted, error = false, message = string.Empty });
    }
}
