using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Gateway.PassTickets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Node.Tests.Support;

/// <summary>
/// A ZSS-style SAF IDT provider over real TLS on 127.0.0.1: <c>POST {"username","pass","appl"}</c> answers
/// <c>{"jwt":"&lt;idt&gt;"}</c> when <c>pass</c> is a valid PassTicket for the user and APPLID (checked with the
/// evaluator, so a replayed ticket is refused as RACF would), else 401. The IDT is an unsigned JWT with an
/// <c>exp</c> one hour ahead and a serial number, so a test can tell a cached IDT from a new one.
/// </summary>
internal sealed class FakeSafIdt : IAsyncDisposable
{
    public const string Path = "/zss/api/v1/saf/authenticate";

    private readonly WebApplication app;
    private int issued;
    private int calls;

    private FakeSafIdt(WebApplication app) => this.app = app;

    public int Calls => Volatile.Read(ref calls);

    public int Issued => Volatile.Read(ref issued);

    /// <summary>Presented client certificate subjects, in order.</summary>
    public List<string?> ClientCertificates { get; } = [];

    public static async Task<FakeSafIdt> StartAsync(int port, X509Certificate2 certificate, PassTicketEvaluator evaluator)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            })));
        var app = builder.Build();
        var fake = new FakeSafIdt(app);
        app.MapPost(Path, async (HttpContext context) =>
        {
            Interlocked.Increment(ref fake.calls);
            lock (fake.ClientCertificates)
            {
                fake.ClientCertificates.Add(context.Connection.ClientCertificate?.Subject);
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var user = body.RootElement.GetProperty("username").GetString() ?? string.Empty;
            var pass = body.RootElement.GetProperty("pass").GetString() ?? string.Empty;
            var appl = body.RootElement.GetProperty("appl").GetString() ?? string.Empty;
            if (evaluator.Evaluate(user, appl, pass) != PassTicketVerdict.Valid)
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            var serial = Interlocked.Increment(ref fake.issued);
            return Results.Json(new { jwt = Idt(user, appl, serial) });
        });
        await app.StartAsync();
        return fake;
    }

    public static string Idt(string user, string appl, int serial)
    {
        static string Part(object value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new { sub = user, appl, exp, serial })}.";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
