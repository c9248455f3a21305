using System.Text.Json;
using ApiMlCluster.Chaos.Cluster;
using ApiMlCluster.Chaos.Workload;

namespace ApiMlCluster.Chaos.Checks;

internal sealed record InvariantResult(string Checkpoint, string Name, bool Passed, string Detail);

/// <summary>
/// Checks, with the workload paused and all three nodes Up, that what the cluster acknowledged is in effect at
/// every node: logged-out tokens and revoked PATs rejected, acknowledged cache entries present once with their
/// value (and nothing never written), acknowledged registrations known, both echo instances routable through every
/// node; and that the clients saw no revoked token accepted. Intermediate checkpoints check what was acknowledged
/// since the previous one plus a sample of the older facts; the final one checks everything.
/// </summary>
internal sealed class InvariantChecker(Endpoints endpoints, Ledger ledger, History history, int[] echoPorts, int seed)
{
    private const int OlderSample = 100;
    private int violationsSeen;
    private double lastCheckpoint;
    private int round;

    public async Task<IReadOnlyList<InvariantResult>> CheckAsync(string checkpoint, bool everything)
    {
        var random = new Random(HashCode.Combine(seed, ++round));
        var since = lastCheckpoint;
        lastCheckpoint = history.Now;
        var results = new List<InvariantResult>
        {
            await RevokedAsync(checkpoint, "every acknowledged logout is rejected at every node (query → 401)", Select(ledger.LoggedOutTokens, since, everything, random), QueryAsync),
        };

        if (ledger.PatSupported == true)
        {
            results.Add(await RevokedAsync(checkpoint, "every acknowledged PAT revocation is in effect at every node (validate → 401)", Select(ledger.RevokedPats, since, everything, random), ValidatePatAsync));
        }

        results.Add(await CacheAsync(checkpoint));
        results.Add(await RegistrationsAsync(checkpoint));
        results.Add(await RoutableAsync(checkpoint));
        results.Add(ClientViolations(checkpoint));
        return results;
    }

    private static List<Revoked> Select(IReadOnlyList<Revoked> all, double since, bool everything, Random random)
    {
        if (everything)
        {
            return [.. all];
        }

        var recent = all.Where(r => r.AckedAt >= since).ToList();
        var older = all.Where(r => r.AckedAt < since).OrderBy(_ => random.Next()).Take(OlderSample);
        return [.. recent, .. older];
    }

    private async Task<InvariantResult> RevokedAsync(string checkpoint, string name, List<Revoked> revoked, Func<int, string, Task<int>> probe)
    {
        var failures = new List<string>();
        var unverified = 0;
        foreach (var node in ChaosCluster.Nodes)
        {
            await Parallel.ForEachAsync(revoked, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, _) =>
            {
                var status = await WithRetriesAsync(() => probe(node, r.Token));
                if (status is 200 or 204)
                {
                    lock (failures)
                    {
                        failures.Add($"lpar{node} accepted a token revoked at t={r.AckedAt:F1}s");
                    }
                }
                else if (status != 401)
                {
                    Interlocked.Increment(ref unverified);
                }
            });
        }

        var detail = $"{revoked.Count} tokens × 3 nodes" + (unverified > 0 ? $"; {unverified} probes got no 401/200 answer" : string.Empty);
        return new InvariantResult(checkpoint, name, failures.Count == 0 && unverified == 0, failures.Count == 0 ? detail : $"{detail}; {Summary(failures)}");
    }

    private async Task<int> QueryAsync(int node, string token) =>
        (await Endpoints.SendAsync(endpoints.Plain, Endpoints.Request(HttpMethod.Get, endpoints.Auth(node, "/query"), cookieToken: token))).Status;

    private async Task<int> ValidatePatAsync(int node, string token) =>
        (await Endpoints.SendAsync(endpoints.Plain, Endpoints.Request(HttpMethod.Post, endpoints.Auth(node, "/access-token/validate"), JsonSerializer.Serialize(new { token, serviceId = Endpoints.EchoService })))).Status;

    private async Task<InvariantResult> CacheAsync(string checkpoint)
    {
        var acked = ledger.CacheEntries;
        var attempted = ledger.CacheAttempts;
        var failures = new List<string>();
        foreach (var node in ChaosCluster.Nodes)
        {
            var answer = await WithRetriesAsync(() => Endpoints.SendAsync(endpoints.WithCertificate, Endpoints.Request(HttpMethod.Get, endpoints.Caching(node, "/cache"))));
            if (answer.Status != 200)
            {
                failures.Add($"lpar{node}: GET /cache answered {answer.Status}");
                continue;
            }

            var listed = new Dictionary<string, string?>();
            var duplicates = 0;
            foreach (var property in JsonDocument.Parse(answer.Body).RootElement.EnumerateObject())
            {
                var value = property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("value", out var v) ? v.GetString() : null;
                duplicates += listed.TryAdd(property.Name, value) ? 0 : 1;
            }

            var lost = acked.Where(e => !listed.TryGetValue(e.Key, out var value) || value != e.Value).Select(e => e.Key).ToList();
            var phantom = listed.Keys.Where(k => !attempted.ContainsKey(k)).ToList();
            if (lost.Count > 0)
            {
                failures.Add($"lpar{node}: {lost.Count} acknowledged entries missing or changed ({string.Join(", ", lost.Take(5))})");
            }

            if (phantom.Count > 0 || duplicates > 0)
            {
                failures.Add($"lpar{node}: {phantom.Count} entries nobody wrote, {duplicates} listed twice");
            }
        }

        return new InvariantResult(checkpoint, "no acknowledged cache entry lost, changed or duplicated (GET /cache at every node)", failures.Count == 0,
            failures.Count == 0 ? $"{acked.Count} acknowledged of {attempted.Count} attempted writes, all present at 3 nodes" : Summary(failures));
    }

    private async Task<InvariantResult> RegistrationsAsync(string checkpoint)
    {
        var acked = ledger.Registrations;
        var failures = new List<string>();
        foreach (var node in ChaosCluster.Nodes)
        {
            using var request = Endpoints.Request(HttpMethod.Get, endpoints.Discovery(node, $"/eureka/apps/{Endpoints.RegistryService.ToUpperInvariant()}"));
            request.Headers.Add("Accept", "application/json");
            var answer = await WithRetriesAsync(() => Endpoints.SendAsync(endpoints.WithCertificate, request.Clone()));
            var known = answer.Status == 200 ? InstanceIds(JsonDocument.Parse(answer.Body).RootElement) : [];
            var missing = acked.Where(id => !known.Contains(id)).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"lpar{node} ({answer.Status}): {missing.Count} acknowledged registrations unknown ({string.Join(", ", missing.Take(3))})");
            }
        }

        return new InvariantResult(checkpoint, "every acknowledged registration is known at every node", failures.Count == 0,
            failures.Count == 0 ? $"{acked.Count} registrations at 3 nodes" : Summary(failures));
    }

    private async Task<InvariantResult> RoutableAsync(string checkpoint)
    {
        var failures = new List<string>();
        foreach (var node in ChaosCluster.Nodes)
        {
            foreach (var port in echoPorts)
            {
                // After a restart the node's registry view may still be filling: give it a few seconds.
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
                Answer answer;
                do
                {
                    var request = Endpoints.Request(HttpMethod.Get, endpoints.Gateway(node, $"/{Endpoints.EchoService}/api/v1/check"));
                    request.Headers.Add("X-InstanceId", Registration.InstanceId(Endpoints.EchoService, port));
                    answer = await Endpoints.SendAsync(endpoints.Plain, request);
                    if (answer.Status == 200 && answer.Body.Contains(EchoInstances.NameOf(port), StringComparison.Ordinal))
                    {
                        break;
                    }

                    await Task.Delay(500);
                }
                while (DateTime.UtcNow < deadline);

                if (answer.Status != 200)
                {
                    failures.Add($"lpar{node} → echo-{port}: {answer.Status}");
                }
            }
        }

        return new InvariantResult(checkpoint, "both echo instances are routable through every node", failures.Count == 0,
            failures.Count == 0 ? "2 instances × 3 nodes answered 200" : Summary(failures));
    }

    private InvariantResult ClientViolations(string checkpoint)
    {
        var all = history.Violations.ToList();
        var fresh = all.Skip(violationsSeen).ToList();
        violationsSeen = all.Count;
        return new InvariantResult(checkpoint, "clients saw no revoked token accepted, no acknowledged entry or registration missing", fresh.Count == 0,
            fresh.Count == 0 ? "none" : Summary(fresh));
    }

    private static HashSet<string> InstanceIds(JsonElement element)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "instanceId" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        ids.Add(p.Value.GetString()!);
                    }
                    else
                    {
                        Walk(p.Value);
                    }
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item);
                }
            }
        }

        Walk(element);
        return ids;
    }

    private static async Task<int> WithRetriesAsync(Func<Task<int>> probe)
    {
        var status = 0;
        for (var i = 0; i < 4; i++)
        {
            status = await probe();
            if (status is > 0 and < 500)
            {
                return status;
            }

            await Task.Delay(1000);
        }

        return status;
    }

    private static async Task<Answer> WithRetriesAsync(Func<Task<Answer>> send)
    {
        var answer = default(Answer);
        for (var i = 0; i < 4; i++)
        {
            answer = await send();
            if (answer.Status is > 0 and < 500)
            {
                return answer;
            }

            await Task.Delay(1000);
        }

        return answer;
    }

    private static string Summary(List<string> failures) =>
        string.Join("; ", failures.Take(5)) + (failures.Count > 5 ? $"; … {failures.Count - 5} more" : string.Empty);
}

internal static class RequestCloning
{
    /// <summary>A fresh copy of a body-less request, since a request message can be sent only once.</summary>
    public static HttpRequestMessage Clone(this HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}
