using System.Net;
using System.Net.Sockets;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Node.Hosting;

/// <summary>
/// Checks before anything starts that every port the node needs is free, so a clash with another node or
/// program fails with the zowe.yaml key to change instead of a half-started node (zowe/api-layer#3883).
/// </summary>
internal static class PortPreflight
{
    public static void EnsureFree(NodeConfig config)
    {
        var wanted = KestrelListeners.EnabledComponents(config)
            .SelectMany(c => config.ListenAddresses.Select(a => ($"components.{c.Name}.port", IPAddress.Parse(a), c.Port)))
            .Append((config.Cluster.BindPort is null ? "cluster.port" : "cluster.bindPort", IPAddress.Any, config.Cluster.ListenPort));

        foreach (var (key, address, port) in wanted)
        {
            var listener = new TcpListener(address, port);
            try
            {
                listener.Start();
            }
            catch (SocketException e)
            {
                var name = config.HaInstanceId is null ? key : $"haInstances.{config.HaInstanceId}.{key} (or {key})";
                throw new ConfigException(name, $"port {port} on {address} cannot be used: {e.SocketErrorCode} (another node or program may be listening there)");
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
