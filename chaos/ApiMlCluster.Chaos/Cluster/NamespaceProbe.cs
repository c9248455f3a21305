using System.Diagnostics;

namespace ApiMlCluster.Chaos.Cluster;

/// <summary>
/// Whether this machine lets the runner create network namespaces (root and iproute2). Reported in the run's
/// report; the partition itself uses the relays, which need no privileges and behave the same in CI.
/// </summary>
internal static class NamespaceProbe
{
    public static string Describe()
    {
        if (Environment.UserName != "root")
        {
            return $"not usable (running as {Environment.UserName}, not root)";
        }

        var name = $"apiml-chaos-probe-{Environment.ProcessId}";
        if (!Ip("netns", "add", name))
        {
            return "not usable (`ip netns add` failed)";
        }

        // The probe namespace exists only between these two calls.
        return Ip("netns", "delete", name) ? "usable (probe namespace created and deleted)" : $"usable, but the probe namespace {name} could not be deleted";
    }

    private static bool Ip(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit(5000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
