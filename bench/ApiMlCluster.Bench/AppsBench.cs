using System.Text.Json;

namespace ApiMlCluster.Bench;

/// <summary>GET /eureka/apps (the full registry, JSON) at every node, a few times each: size, latency, and whether the nodes agree.</summary>
internal static class AppsBench
{
    public static async Task<int> RunAsync(IReadOnlyList<Uri> urls, string keystoreRoot, int repeat, int expected, string title)
    {
        using var client = DiscoveryNode.CreateClient(keystoreRoot, 4);
        var rows = new List<string[]>();
        var ok = true;
        for (var n = 0; n < urls.Count; n++)
        {
            var node = new DiscoveryNode(client, urls[n]);
            var latencies = new Latencies();
            var outcomes = new Outcomes();
            byte[] last = [];
            for (var i = 0; i < repeat; i++)
            {
                var (outcome, body, ms) = await node.GetAsync("/eureka/apps");
                outcomes.Add(outcome);
                if (outcome == "200")
                {
                    latencies.Add(ms);
                    last = body;
                }
            }

            var (services, instances, own, hash) = Summary(last);
            // Every node registers its own caching service; --expect counts the instances the bench registered.
            ok &= outcomes.Of("200") == repeat && (expected < 0 || instances - own == expected);
            rows.Add([$"node {n + 1}", outcomes.Except(""), Report.Bytes(last.Length), Report.Count(services), Report.Count(instances), hash,
                Report.Ms(latencies.Percentile(50)), Report.Ms(latencies.Max)]);
        }

        Report.Table(
            $"{title}: GET /eureka/apps (JSON) ×{repeat} at each node, first request included",
            ["node", "answers", "body", "services", "instances", "apps__hashcode", "p50 ms", "max ms"],
            rows);
        return ok ? 0 : 1;
    }

    private static (int Services, int Instances, int CachingInstances, string Hash) Summary(byte[] body)
    {
        if (body.Length == 0)
        {
            return (0, 0, 0, "-");
        }

        using var document = JsonDocument.Parse(body);
        var applications = document.RootElement.GetProperty("applications");
        var hash = applications.TryGetProperty("apps__hashcode", out var h) ? h.GetString() ?? "" : "";
        var services = 0;
        var instances = 0;
        var caching = 0;
        if (applications.TryGetProperty("application", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var application in list.EnumerateArray())
            {
                services++;
                var count = application.TryGetProperty("instance", out var i) && i.ValueKind == JsonValueKind.Array ? i.GetArrayLength() : 0;
                instances += count;
                caching += application.TryGetProperty("name", out var name) && name.GetString() == "CACHINGSERVICE" ? count : 0;
            }
        }

        return (services, instances, caching, hash.Length > 40 ? hash[..40] + "…" : hash);
    }
}
