using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Hosting;

/// <summary>
/// <c>zowe.network.server.maxConnectionsPerSource</c> on a real node (2 per source): raw TCP + TLS connections from
/// 127.0.0.5 and 127.0.0.6 to the gateway port on 127.0.0.1; Kestrel counts each from the moment it accepts it.
/// </summary>
public sealed class SourceConnectionLimitTests : IAsyncLifetime
{
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(4);
    // Not 127.0.0.1: the node's own test client holds pooled connections from there.
    private static readonly IPAddress Client = IPAddress.Parse("127.0.0.5");
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.6");
    private readonly List<IDisposable> held = [];
    private RunningNode node = null!;

    public async Task InitializeAsync()
    {
        var yaml = ZoweYaml.SingleNode(ports).Replace("listenAddresses: [127.0.0.1]", "listenAddresses: [127.0.0.1]\n      maxConnectionsPerSource: 2", StringComparison.Ordinal);
        node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), null));
        await node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        held.ForEach(c => c.Dispose());
        await node.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task Connect_BeyondTheSourcesLimit_IsClosedWhileAnotherSourceConnects()
    {
        Assert.True(await HandshakeAsync(Client));
        Assert.True(await HandshakeAsync(Client));

        Assert.False(await HandshakeAsync(Client));
        Assert.True(await HandshakeAsync(Other));
    }

    [Fact]
    public async Task Connect_AfterAConnectionOfTheSourceClosed_IsAcceptedAgain()
    {
        Assert.True(await HandshakeAsync(Client));
        Assert.True(await HandshakeAsync(Client));
        Assert.False(await HandshakeAsync(Client));

        held[0].Dispose();

        await Eventually.TrueAsync(() => HandshakeAsync(Client), TimeSpan.FromSeconds(10), "a slot is free once the node saw the close");
    }

    /// <summary>Opens a TLS connection from <paramref name="source"/> and keeps it open when the handshake completes.</summary>
    private async Task<bool> HandshakeAsync(IPAddress source)
    {
        // A refused connection is closed by the node at once: the reset may reach the connect itself or the handshake.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        SslStream? tls = null;
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, ports[0]));
            tls = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, timeout.Token);
            held.Add(tls);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            if (tls is null)
            {
                socket.Dispose();
            }
            else
            {
                await tls.DisposeAsync();
            }

            return false;
        }
    }
}
