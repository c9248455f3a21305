using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Core.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Tests.Providers;

/// <summary>
/// z/OSMF's authentication service and info endpoint over real HTTPS on 127.0.0.1: enough of
/// <c>/zosmf/services/authenticate</c> (POST, PUT, DELETE) and <c>/zosmf/info</c> to test the provider against.
/// </summary>
internal sealed class FakeZosmf : IAsyncDisposable
{
    private const string Csrf = "X-CSRF-ZOSMF-HEADER";

    private readonly WebApplication app;
    private int logins;
    private int passwordChanges;
    private int deletes;
    private int infoRequests;
    private int issued;

    private FakeZosmf(WebApplication app) => this.app = app;

    /// <summary>User id (case-insensitive, like SAF) to password.</summary>
    public ConcurrentDictionary<string, string> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool ReturnJwt { get; set; } = true;

    public bool ReturnLtpa { get; set; }

    /// <summary>When set, every authenticate call answers this status.</summary>
    public int? FailWithStatus { get; set; }

    public int? InfoFailsWithStatus { get; set; }

    public string Realm { get; set; } = "FAKEREALM";

    public TimeSpan AuthenticateDelay { get; set; }

    public int Port { get; private set; }

    public int Logins => Volatile.Read(ref logins);

    public int PasswordChanges => Volatile.Read(ref passwordChanges);

    public int Deletes => Volatile.Read(ref deletes);

    public int InfoRequests => Volatile.Read(ref infoRequests);

    /// <summary>The Cookie header of each DELETE received.</summary>
    public ConcurrentQueue<string> DeletedCookies { get; } = new();

    /// <summary>Every jwtToken and LtpaToken2 value handed out.</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    public static async Task<FakeZosmf> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var fake = new FakeZosmf(app);
        app.MapPost("/zosmf/services/authenticate", (Delegate)fake.LoginAsync);
        app.MapPut("/zosmf/services/authenticate", (Delegate)fake.ChangePasswordAsync);
        app.MapDelete("/zosmf/services/authenticate", (Delegate)fake.Logout);
        app.MapGet("/zosmf/info", (Delegate)fake.Info);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Port = new Uri(address).Port;
        return fake;
    }

    public ZosmfSettings Settings(ZosmfTokenMode mode, string host = "127.0.0.1") => new(host, Port, mode);

    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static bool HasCsrfHeader(HttpContext context) => context.Request.Headers[Csrf] == "true";

    private async Task<IResult> LoginAsync(HttpContext context)
    {
        if (!HasCsrfHeader(context))
        {
            return Results.StatusCode(403);
        }

        Interlocked.Increment(ref logins);
        if (AuthenticateDelay > TimeSpan.Zero)
        {
            await Task.Delay(AuthenticateDelay, context.RequestAborted);
        }

        if (FailWithStatus is { } status)
        {
            return Results.StatusCode(status);
        }

        if (!TryBasic(context, out var user, out var password) || !Users.TryGetValue(user, out var expected) || expected != password)
        {
            return Results.Json(new { returnCode = 4, reasonCode = 0, message = "Authentication failed" }, statusCode: 401);
        }

        var number = Interlocked.Increment(ref issued);
        if (ReturnJwt)
        {
            var jwt = $"fake-jwt.{user.ToUpperInvariant()}.{number}";
            IssuedTokens.Enqueue(jwt);
            context.Response.Headers.Append("Set-Cookie", $"jwtToken={jwt}; Path=/; Secure; HttpOnly");
        }

        if (ReturnLtpa)
        {
            var ltpa = $"fake-ltpa-{user.ToUpperInvariant()}-{number}";
            IssuedTokens.Enqueue(ltpa);
            context.Response.Headers.Append("Set-Cookie", $"LtpaToken2={ltpa}; Path=/; Secure; HttpOnly");
        }

        return Results.NoContent();
    }

    private async Task<IResult> ChangePasswordAsync(HttpContext context)
    {
        if (!HasCsrfHeader(context))
        {
            return Results.StatusCode(403);
        }

        Interlocked.Increment(ref passwordChanges);
        if (FailWithStatus is { } status)
        {
            return Results.StatusCode(status);
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var user = body.RootElement.GetProperty("userID").GetString()!;
        var oldPassword = body.RootElement.GetProperty("oldPwd").GetString();
        var newPassword = body.RootElement.GetProperty("newPwd").GetString()!;
        if (!Users.TryGetValue(user, out var expected) || expected != oldPassword)
        {
            return Results.Json(new { returnCode = 4, reasonCode = 0, message = "Authentication failed" }, statusCode: 401);
        }

        Users[user] = newPassword;
        return Results.Json(new { returnCode = 0, reasonCode = 0, message = "Password changed" });
    }

    private IResult Logout(HttpContext context)
    {
        if (!HasCsrfHeader(context))
        {
            return Results.StatusCode(403);
        }

        Interlocked.Increment(ref deletes);
        DeletedCookies.Enqueue(context.Request.Headers.Cookie.ToString());
        return Results.NoContent();
    }

    private IResult Info(HttpContext context)
    {
        if (!HasCsrfHeader(context))
        {
            return Results.StatusCode(403);
        }

        Interlocked.Increment(ref infoRequests);
        return InfoFailsWithStatus is { } status
            ? Results.StatusCode(status)
            : Results.Json(new Dictionary<string, string>
            {
                ["zosmf_saf_realm"] = Realm,
                ["zosmf_version"] = "29",
                ["zosmf_hostname"] = "fake",
            });
    }

    private static bool TryBasic(HttpContext context, out string user, out string password)
    {
        user = password = "";
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return true;
    }
}
