using System.Text.Json;
using ApiMlCluster.Chaos.Cluster;

namespace ApiMlCluster.Chaos.Workload;

/// <summary>What one attempt at one node came to; <see cref="Retry"/> says a client would try another node.</summary>
internal readonly record struct Step(int Status, Outcome Outcome, bool Acknowledged, string? Note = null)
{
    public bool Retry => Outcome is Outcome.ServerError or Outcome.TransportError;

    public static Step Of(Answer answer, bool acknowledged, params int[] expected) => new(
        answer.Status,
        answer.Status == 0 ? Outcome.TransportError
            : answer.Status >= 500 ? Outcome.ServerError
            : expected.Contains(answer.Status) ? Outcome.Ok
            : Outcome.Rejected,
        acknowledged && expected.Contains(answer.Status),
        answer.Status == 0 ? answer.Body : null);
}

/// <summary>An operation ready to run: <c>attempt(node, tryNumber)</c> is called for each node it is tried at.</summary>
internal sealed record PlannedOperation(string Kind, Func<int, int, Task<Step>> Attempt);

/// <summary>
/// The workload's operation kinds, each against the public contract: Zowe's auth API (login, logout, query, PATs),
/// proxied GETs and POSTs to the echo service, the caching API and the Eureka API with a client certificate.
/// A kind returns null when it has nothing to act on yet (no token to log out).
/// </summary>
internal sealed class Operations(Endpoints endpoints, Ledger ledger, History history)
{
    public static readonly (string Kind, int Weight)[] Mix =
    [
        ("login", 10), ("get", 18), ("post", 8), ("logout", 6), ("revoked-probe", 10), ("cache-write", 12), ("cache-read", 12),
        ("register", 4), ("renew", 6), ("pat-generate", 3), ("pat-revoke", 2), ("pat-probe", 4),
    ];

    /// <summary>Writes: the kinds a partitioned minority node must stop acknowledging.</summary>
    public static readonly IReadOnlySet<string> Writes = new HashSet<string> { "login", "logout", "cache-write", "register", "pat-generate", "pat-revoke" };

    public PlannedOperation? Plan(string kind, Random random) => kind switch
    {
        "login" => new(kind, (node, _) => LoginAsync(node)),
        "get" => new(kind, (node, _) => ProxiedAsync(node, HttpMethod.Get, null)),
        "post" => new(kind, (node, _) => ProxiedAsync(node, HttpMethod.Post, """{"order":42}""")),
        "logout" => ledger.TakeToken(random) is { } token ? new(kind, (node, attempt) => LogoutAsync(node, token, attempt)) : null,
        "revoked-probe" => ledger.AnyLoggedOut(random) is { } revoked ? new(kind, (node, _) => ProbeLoggedOutAsync(node, revoked)) : null,
        "cache-write" => CacheWrite(kind),
        "cache-read" => ledger.AnyCacheEntry(random) is { } entry ? new(kind, (node, _) => CacheReadAsync(node, entry.Key, entry.Value)) : null,
        "register" => Register(kind),
        "renew" => ledger.AnyRegistration(random) is { } id ? new(kind, (node, _) => RenewAsync(node, id)) : null,
        "pat-generate" => ledger.PatSupported == false ? null : new(kind, (node, _) => GeneratePatAsync(node)),
        "pat-revoke" => ledger.TakePat(random) is { } pat ? new(kind, (node, _) => RevokePatAsync(node, pat)) : null,
        "pat-probe" => ledger.AnyRevokedPat(random) is { } revoked ? new(kind, (node, _) => ProbePatAsync(node, revoked)) : null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown operation kind"),
    };

    private async Task<Step> LoginAsync(int node)
    {
        var answer = await Endpoints.SendAsync(endpoints.Plain, Endpoints.Request(HttpMethod.Post, endpoints.Auth(node, "/login"), basic: true));
        if (answer.Status == 204 && answer.SetCookie is { } cookie && cookie.StartsWith("apimlAuthenticationToken=", StringComparison.Ordinal))
        {
            var end = cookie.IndexOf(';', StringComparison.Ordinal);
            ledger.AddToken(cookie["apimlAuthenticationToken=".Length..(end < 0 ? cookie.Length : end)]);
        }

        return Step.Of(answer, acknowledged: true, 204);
    }

    private async Task<Step> ProxiedAsync(int node, HttpMethod method, string? body)
    {
        var path = $"/{Endpoints.EchoService}/api/v1/{method.Method.ToLowerInvariant()}/{ledger.Next()}";
        var answer = await Endpoints.SendAsync(endpoints.Plain, Endpoints.Request(method, endpoints.Gateway(node, path), body));
        return Step.Of(answer, acknowledged: true, 200);
    }

    private async Task<Step> LogoutAsync(int node, string token, int attempt)
    {
        var answer = await Endpoints.SendAsync(endpoints.Plain, Endpoints.Request(HttpMethod.Post, endpoints.Auth(node, "/logout"), cookieToken: token));
        if (answer.Status == 204)
        {
            ledger.LoggedOut(token, history.Now);
        }

        // A 401 after an unanswered first attempt means that attempt went through: fine, but not acknowledged.
        return attempt > 0 && answer.Status == 401 ? new Step(401, Outcome.Ok, false, "already logged out") : Step.Of(answer, acknowledged: true, 204);
    }

    private async Task<Step> ProbeLoggedOutAsync(int node, Revoked revoked)
    {
        var answer = await Endpoints.SendAsync(endpoints.Plain, Endpoints.Request(HttpMethod.Get, endpoints.Auth(node, "/query"), cookieToken: revoked.Token));
        if (answer.Status == 200)
        {
            history.Violation($"{ChaosCluster.Name(node)} accepted a token logged out (acknowledged) at t={revoked.AckedAt:F1}s");
            return new Step(200, Outcome.Violation, false, "logged-out token accepted");
        }

        return Step.Of(answer, acknowledged: false, 401);
    }

    private PlannedOperation CacheWrite(string kind)
    {
        var n = ledger.Next();
        var key = $"k{n}";
        var value = $"v{n}-{Guid.NewGuid():N}";
        ledger.CacheAttempt(key, value);
        var json = JsonSerializer.Serialize(new { key, value });
        return new(kind, async (node, attempt) =>
        {
            var answer = await Endpoints.SendAsync(endpoints.WithCertificate, Endpoints.Request(HttpMethod.Post, endpoints.Caching(node, "/cache"), json));

            // Keys are unique per write: a 409 after an unanswered attempt is that attempt's own write.
            var step = attempt > 0 && answer.Status == 409 ? new Step(409, Outcome.Ok, true, "written by the unanswered attempt") : Step.Of(answer, acknowledged: true, 201);
            if (step.Acknowledged)
            {
                ledger.CacheAcked(key, value);
            }

            return step;
        });
    }

    private async Task<Step> CacheReadAsync(int node, string key, string value)
    {
        var answer = await Endpoints.SendAsync(endpoints.WithCertificate, Endpoints.Request(HttpMethod.Get, endpoints.Caching(node, "/cache/" + key)));
        if (answer.Status == 404 || (answer.Status == 200 && ValueOf(answer.Body) != value))
        {
            history.Violation($"{ChaosCluster.Name(node)} answered {answer.Status} for acknowledged cache entry {key}");
            return new Step(answer.Status, Outcome.Violation, false, "acknowledged entry missing or changed");
        }

        return Step.Of(answer, acknowledged: false, 200);
    }

    private PlannedOperation Register(string kind)
    {
        var port = 10_000 + (ledger.Next() % 50_000);
        var instanceId = $"localhost:{Endpoints.RegistryService}:{port}";
        var json = Registration.Json(Endpoints.RegistryService, port, leaseSeconds: 3600, renewSeconds: 1800);
        return new(kind, async (node, _) =>
        {
            var answer = await Endpoints.SendAsync(endpoints.WithCertificate, Endpoints.Request(HttpMethod.Post, endpoints.Discovery(node, $"/eureka/apps/{Endpoints.RegistryService.ToUpperInvariant()}"), json));
            if (answer.Status == 204)
            {
                ledger.Registered(instanceId, history.Now);
            }

            return Step.Of(answer, acknowledged: true, 204);
        });
    }

    private async Task<Step> RenewAsync(int node, string instanceId)
    {
        var url = endpoints.Discovery(node, $"/eureka/apps/{Endpoints.RegistryService.ToUpperInvariant()}/{instanceId}?status=UP");
        var answer = await Endpoints.SendAsync(endpoints.WithCertificate, Endpoints.Request(HttpMethod.Put, url));
        if (answer.Status == 404)
        {
            history.Violation($"{ChaosCluster.Name(node)} does not know acknowledged registration {instanceId} (renewal 404)");
            return new Step(404, Outcome.Violation, false, "acknowledged registration lost");
        }

        return Step.Of(answer, acknowledged: true, 200);
    }

    private async Task<Step> GeneratePatAsync(int node)
    {
        var request = Endpoints.Request(HttpMethod.Post, endpoints.Auth(node, "/access-token/generate"), $$"""{"validity":1,"scopes":["{{Endpoints.EchoService}}"]}""", basic: true);
        var answer = await Endpoints.SendAsync(endpoints.Plain, request);
        if (answer.Status == 404)
        {
            ledger.PatSupported = false;
            return new Step(404, Outcome.Ok, false, "skipped: endpoint absent");
        }

        if (answer.Status == 200 && answer.Body.Length > 0)
        {
            ledger.PatSupported = true;
            ledger.AddPat(answer.Body.Trim());
        }

        return Step.Of(answer, acknowledged: true, 200);
    }

    private async Task<Step> RevokePatAsync(int node, string pat)
    {
        var request = Endpoints.Request(HttpMethod.Delete, endpoints.Auth(node, "/access-token/revoke"), JsonSerializer.Serialize(new { token = pat }));
        var answer = await Endpoints.SendAsync(endpoints.Plain, request);
        if (answer.Status == 204)
        {
            ledger.PatRevoked(pat, history.Now);
        }

        return Step.Of(answer, acknowledged: true, 204);
    }

    private async Task<Step> ProbePatAsync(int node, Revoked revoked)
    {
        var json = JsonSerializer.Serialize(new { token = revoked.Token, serviceId = Endpoints.EchoService });
        var answer = await Endpoints.SendAsync(endpoints.Plain, Endpoints.Request(HttpMethod.Post, endpoints.Auth(node, "/access-token/validate"), json));
        if (answer.Status is 200 or 204)
        {
            history.Violation($"{ChaosCluster.Name(node)} validated a PAT revoked (acknowledged) at t={revoked.AckedAt:F1}s");
            return new Step(answer.Status, Outcome.Violation, false, "revoked PAT accepted");
        }

        return Step.Of(answer, acknowledged: false, 401);
    }

    private static string? ValueOf(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("value").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
