using System.Diagnostics;
using System.Text.Json;

namespace ApiMlCluster.Bench;

/// <summary>
/// Starts one stopped node with <c>scripts/cluster start ID</c> and watches it: when its pid file appears (the process
/// is launched), when its health first answers, when the node is UP, when its discovery component is UP, and when
/// its read model holds the expected number of instances. Times are from the launch.
/// </summary>
internal static class RestartBench
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync(string script, string config, string id, string pidFile, Uri health, string caFile, int expected, TimeSpan timeout)
    {
        if (File.Exists(pidFile))
        {
            await Console.Error.WriteLineAsync($"{pidFile} exists: {id} is still running (or its pid file was left behind)");
            return 2;
        }

        // A certificate of the workspace's CA: the discovery component's details are for authenticated callers.
        using var client = DiscoveryNode.CreateClient(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(caFile)))!, 2);
        client.Timeout = TimeSpan.FromSeconds(2);
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "start", id, "--config", config })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot run {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();

        double? launched = null, answered = null, up = null, discoveryUp = null, complete = null, stopped = null;
        var lastInstances = -1;
        var maxPolls = (int)(timeout / PollEvery);
        for (var k = 0; k < maxPolls && clock.Elapsed < timeout && (complete is null || up is null); k++)
        {
            if (process.HasExited && process.ExitCode != 0)
            {
                // The node exited before reporting UP (scripts/cluster says so); nothing more to wait for.
                stopped = clock.Elapsed.TotalSeconds;
                break;
            }

            var now = clock.Elapsed.TotalSeconds;
            if (launched is null)
            {
                if (File.Exists(pidFile))
                {
                    launched = now;
                }
                else
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(2));
                    continue;
                }
            }

            var (status, discovery, instances) = await HealthAsync(client, health);
            now = clock.Elapsed.TotalSeconds;
            answered ??= status is null ? null : now;
            up ??= status == "UP" ? now : null;
            discoveryUp ??= discovery == "UP" ? now : null;
            lastInstances = instances ?? lastInstances;
            complete ??= discovery == "UP" && instances >= expected ? now : null;
            if (complete is null || up is null)
            {
                await Task.Delay(PollEvery);
            }
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            await Console.Error.WriteLineAsync($"scripts/cluster start {id} did not finish; it is left running");
        }

        string Since(double? at) => at is { } t && launched is { } l
            ? $"{Report.Fixed(t - l, 2)} s"
            : stopped is { } s && launched is { } l2 ? $"never: the node stopped {Report.Fixed(s - l2, 1)} s after its launch" : $"not within {Report.Fixed(timeout.TotalSeconds, 0)} s";
        Report.Table(
            $"Restart of {id} after SIGKILL with {expected:N0} instances registered (health polled every {PollEvery.TotalMilliseconds:N0} ms; times from the process launch)",
            ["measure", "value"],
            [
                ["health answers at all", Since(answered)],
                ["node UP (cluster member, store, auth, read model ready)", Since(up)],
                ["discovery component UP", Since(discoveryUp)],
                [$"discovery UP with instances ≥ {expected:N0}", Since(complete)],
                ["instances in its read model then", Report.Count(lastInstances)],
                ["`scripts/cluster start` exit status", process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running"],
            ]);
        if (process.HasExited && process.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync($"scripts/cluster start {id} failed:\n{await output}{await errors}");
        }

        return complete is not null ? 0 : 1;
    }

    /// <summary>The overall status, the discovery component's status and its instance count; nulls while the node does not answer.</summary>
    private static async Task<(string? Status, string? Discovery, int? Instances)> HealthAsync(HttpClient client, Uri health)
    {
        try
        {
            using var response = await client.GetAsync(health);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            var root = document.RootElement;
            var status = root.GetProperty("status").GetString();
            if (!root.TryGetProperty("components", out var components) || !components.TryGetProperty("discovery", out var discovery))
            {
                return (status, null, null);
            }

            var instances = discovery.TryGetProperty("details", out var details) && details.TryGetProperty("instances", out var count) ? count.GetInt32() : (int?)null;
            return (status, discovery.GetProperty("status").GetString(), instances);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, null, null);
        }
    }
}
