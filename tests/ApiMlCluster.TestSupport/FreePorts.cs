using System.Net;
using System.Net.Sockets;

namespace ApiMlCluster.TestSupport;

/// <summary>
/// Loopback ports nobody listens on right now, distinct within one call. They are taken below Linux's ephemeral
/// range (32768–60999): a port from that range can be grabbed by any outgoing connection while a test has a node
/// stopped, and the node then cannot listen on it again when the test restarts it.
/// </summary>
public static class FreePorts
{
    private const int Low = 20000;
    private const int High = 32000;
    private static int next = Low + (Environment.ProcessId * 97 % (High - Low));

    public static int[] Take(int count)
    {
        var ports = new List<int>(count);
        for (var tried = 0; ports.Count < count; tried++)
        {
            if (tried > High - Low)
            {
                throw new InvalidOperationException($"no {count} free loopback ports between {Low} and {High}");
            }

            var port = Low + (Interlocked.Increment(ref next) % (High - Low));
            if (!ports.Contains(port) && IsFree(port))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
