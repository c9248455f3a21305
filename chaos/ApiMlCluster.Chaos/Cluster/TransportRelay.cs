using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ApiMlCluster.Chaos.Cluster;

/// <summary>
/// A byte relay in front of one node's Akka remoting (TLS passes through untouched): peers reach the node only
/// through it. Isolating a node closes, in every relay, the connections into that node and the ones it opened to
/// the others: a blackhole at the cluster transport, while the node's HTTP ports stay reachable so clients can see
/// what a minority node does.
/// The relay listens only while its node does and, during a partition, refuses new connections altogether: a
/// relay that accepted a connection and then closed it would fail the peer's TLS handshake, and Akka.NET stops a
/// node whose client-side TLS handshake fails (akkadotnet/akka.net#7839), which neither a crash nor a real network
/// partition (refused or silent at TCP level) would cause. Established links between the majority's nodes stay.
/// </summary>
internal sealed class TransportRelay : IAsyncDisposable
{
    private readonly int node;
    private readonly int listenPort;
    private readonly int targetPort;
    private readonly Partition partition;
    private readonly Func<int, int?> pidOf;
    private readonly List<TcpListener> listeners = [];
    private readonly ConcurrentDictionary<Link, byte> links = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim listenerGate = new(1, 1);
    private Task monitor = Task.CompletedTask;
    private bool disposed;

    public TransportRelay(int node, int listenPort, int targetPort, Partition partition, Func<int, int?> pidOf)
    {
        this.node = node;
        this.listenPort = listenPort;
        this.targetPort = targetPort;
        this.partition = partition;
        this.pidOf = pidOf;
        partition.Changed += CutIsolated;
    }

    public void Start() => monitor = MonitorAsync();

    /// <summary>Listens exactly while the node listens and no partition is in force, re-checked every 100 ms.</summary>
    private async Task MonitorAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            await UpdateListenersAsync();
            try
            {
                await Task.Delay(100, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task UpdateListenersAsync()
    {
        if (Volatile.Read(ref disposed))
        {
            return;
        }

        await listenerGate.WaitAsync();
        try
        {
            var wanted = !stopping.IsCancellationRequested && partition.Isolated is null && SocketOwners.Listening(targetPort);
            if (wanted && listeners.Count == 0)
            {
                foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
                {
                    var listener = new TcpListener(address, listenPort);
                    try
                    {
                        listener.Start();
                    }
                    catch (SocketException)
                    {
                        // No IPv6 loopback, or the port is still held: the next tick tries again.
                        continue;
                    }

                    listeners.Add(listener);
                    _ = AcceptAsync(listener);
                }
            }
            else if (!wanted && listeners.Count > 0)
            {
                foreach (var listener in listeners)
                {
                    listener.Stop();
                }

                listeners.Clear();
            }
        }
        finally
        {
            listenerGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        partition.Changed -= CutIsolated;
        await stopping.CancelAsync();
        await monitor;
        await UpdateListenersAsync();

        foreach (var link in links.Keys)
        {
            link.Close();
        }

        Volatile.Write(ref disposed, true);
        await listenerGate.WaitAsync();
        stopping.Dispose();
    }

    private void CutIsolated()
    {
        _ = UpdateListenersAsync();
        foreach (var link in links.Keys.Where(l => partition.Cuts(node, l.From)))
        {
            link.Close();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var from = SourceNode(((IPEndPoint)inbound.Client.RemoteEndPoint!).Port);
        if (partition.Cuts(node, from))
        {
            inbound.Dispose();
            return;
        }

        var outbound = new TcpClient(AddressFamily.InterNetworkV6) { NoDelay = true };
        outbound.Client.DualMode = true;
        try
        {
            await ConnectAsync(outbound);
        }
        catch (SocketException)
        {
            // The node went down between the listening check and this connection: stop listening at once.
            inbound.Dispose();
            outbound.Dispose();
            await UpdateListenersAsync();
            return;
        }

        inbound.NoDelay = true;
        var link = new Link(from, inbound, outbound);
        links.TryAdd(link, 0);
        if (partition.Cuts(node, from))
        {
            link.Close();
        }

        try
        {
            await Task.WhenAny(
                inbound.GetStream().CopyToAsync(outbound.GetStream(), stopping.Token),
                outbound.GetStream().CopyToAsync(inbound.GetStream(), stopping.Token));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side went away or the link was cut.
        }
        finally
        {
            link.Close();
            links.TryRemove(link, out _);

            // A link that ends may mean the node died: stop accepting before a peer reconnects into nothing.
            await UpdateListenersAsync();
        }
    }

    private async Task ConnectAsync(TcpClient outbound)
    {
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
        }
        catch (SocketException)
        {
            await outbound.ConnectAsync(IPAddress.IPv6Loopback, targetPort, stopping.Token);
        }
    }

    private int? SourceNode(int sourcePort)
    {
        if (SocketOwners.Inode(sourcePort, listenPort) is not { } inode)
        {
            return null;
        }

        foreach (var candidate in ChaosCluster.Nodes)
        {
            if (pidOf(candidate) is { } pid && SocketOwners.Holds(pid, inode))
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed class Link(int? from, TcpClient inbound, TcpClient outbound)
    {
        public int? From { get; } = from;

        public void Close()
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }
}

/// <summary>Which node, if any, is cut off from the other two.</summary>
internal sealed class Partition
{
    private int isolated;

    public event Action? Changed;

    public int? Isolated => Volatile.Read(ref isolated) is var n and > 0 ? n : null;

    /// <summary>Whether a link from <paramref name="from"/> (null: not known) into <paramref name="to"/> is cut.</summary>
    public bool Cuts(int to, int? from) => Isolated is { } n && (to == n || from == n);

    public void Isolate(int node)
    {
        Volatile.Write(ref isolated, node);
        Changed?.Invoke();
    }

    public void Heal()
    {
        Volatile.Write(ref isolated, 0);
        Changed?.Invoke();
    }
}
