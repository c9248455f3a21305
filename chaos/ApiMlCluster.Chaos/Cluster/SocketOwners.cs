using System.Globalization;

namespace ApiMlCluster.Chaos.Cluster;

/// <summary>
/// Which local process owns a loopback TCP socket, read from /proc: the kernel's socket table gives the socket's
/// inode, and a process's fd directory links to <c>socket:[inode]</c>. Every node connects from 127.0.0.1, so this
/// is how a relay tells which node opened a connection (to cut both directions of a partitioned node's links).
/// </summary>
internal static class SocketOwners
{
    /// <summary>The inode of the socket bound to local port <paramref name="port"/> that is connected to <paramref name="remotePort"/>.</summary>
    public static long? Inode(int port, int remotePort)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(table);
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var line in lines.Skip(1))
            {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && PortOf(fields[1]) == port && PortOf(fields[2]) == remotePort
                    && long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode) && inode != 0)
                {
                    return inode;
                }
            }
        }

        return null;
    }

    /// <summary>Whether some socket listens on <paramref name="port"/> (state 0A in the kernel's table).</summary>
    public static bool Listening(int port)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            try
            {
                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 3 && fields[3] == "0A" && PortOf(fields[1]) == port)
                    {
                        return true;
                    }
                }
            }
            catch (IOException)
            {
                // No IPv6 table on this machine.
            }
        }

        return false;
    }

    /// <summary>Whether process <paramref name="pid"/> holds the socket with <paramref name="inode"/>.</summary>
    public static bool Holds(int pid, long inode)
    {
        var wanted = $"socket:[{inode}]";
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget == wanted)
                    {
                        return true;
                    }
                }
                catch (IOException)
                {
                    // The descriptor was closed while we looked.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return false;
    }

    private static int PortOf(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon < 0 ? -1 : int.Parse(address.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
