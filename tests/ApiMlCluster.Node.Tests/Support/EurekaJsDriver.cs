using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ApiMlCluster.Node.Tests.Support;

/// <summary>
/// <c>node tests/eureka-js-client/driver.js</c> as a child process: eureka-js-client, a Eureka client nobody here
/// wrote, talking to a node. Collects the JSON events the driver prints; disposing kills the process it started
/// if it still runs.
/// </summary>
internal sealed class EurekaJsDriver : IDisposable
{
    private readonly Process process;
    private readonly List<JsonElement> events = [];
    private readonly StringBuilder errors = new();
    private readonly SemaphoreSlim changed = new(0);

    private EurekaJsDriver(Process process)
    {
        this.process = process;
    }

    /// <summary>Settings the driver reads from its environment (EUREKA_PORT, SERVICE_ID, CLIENT_CERT, ...).</summary>
    public static EurekaJsDriver Start(IReadOnlyDictionary<string, string> environment)
    {
        var directory = Path.Combine(RepositoryRoot, "tests", "eureka-js-client");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "eureka-js-client")))
        {
            throw new InvalidOperationException($"{directory}/node_modules is missing: run scripts/test (it runs npm ci there) or 'npm ci' in that folder");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("driver.js");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js ('node') is not on PATH: run scripts/test, which installs it", e);
        }

        var driver = new EurekaJsDriver(process);
        process.OutputDataReceived += (_, line) => driver.OnOutput(line.Data);
        process.ErrorDataReceived += (_, line) => driver.OnError(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return driver;
    }

    /// <summary>The folder holding ApiMlCluster.sln, above the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ApiMlCluster.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("ApiMlCluster.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public IReadOnlyList<JsonElement> Events
    {
        get
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }

    public int Count(string name) => Events.Count(e => Name(e) == name);

    /// <summary>The first event named <paramref name="name"/> that satisfies <paramref name="match"/>, waiting for it.</summary>
    public async Task<JsonElement> WaitForAsync(string name, TimeSpan timeout, Func<JsonElement, bool>? match = null)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = Events.Where(e => Name(e) == name).FirstOrDefault(e => match is null || match(e));
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            if (process.HasExited && !await changed.WaitAsync(TimeSpan.FromMilliseconds(200)))
            {
                throw new InvalidOperationException($"the driver exited ({process.ExitCode}) without a matching '{name}' event; {Transcript()}");
            }

            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no matching '{name}' event within {timeout}; {Transcript()}");
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> events named <paramref name="name"/> arrived.</summary>
    public async Task WaitForCountAsync(string name, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count(name) < count)
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new TimeoutException($"{Count(name)} of {count} '{name}' events within {timeout}; {Transcript()}");
            }

            await changed.WaitAsync(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Sends "stop" (deregister and exit) and returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        await process.StandardInput.WriteLineAsync("stop");
        await process.StandardInput.FlushAsync();
        return await WaitForExitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the driver did not exit within {timeout}; {Transcript()}");
        }

        return process.ExitCode;
    }

    /// <summary>Kills the driver (and anything it started) without letting it deregister.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>Everything the driver printed so far, for failure messages.</summary>
    public string Transcript()
    {
        lock (events)
        {
            return $"events: [{string.Join(", ", events.Select(e => e.GetRawText()))}]; stderr: {errors}";
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        process.Dispose();
        changed.Dispose();
    }

    private static string? Name(JsonElement e) => e.TryGetProperty("event", out var name) ? name.GetString() : null;

    private void OnOutput(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        JsonElement parsed;
        try
        {
            parsed = JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException)
        {
            OnError("(stdout) " + line);
            return;
        }

        lock (events)
        {
            events.Add(parsed);
        }

        try
        {
            changed.Release();
        }
        catch (ObjectDisposedException)
        {
            // Output of a process killed in Dispose, arriving after it.
        }
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (events)
        {
            errors.AppendLine(line);
        }
    }
}
