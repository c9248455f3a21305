using System.Net.WebSockets;
using System.Text;
using ApiMlCluster.Node.Tests.Support;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>WebSockets through a <c>ws/v1</c> route: YARP's forwarder carries the upgrade to the service.</summary>
public sealed class WebSocketTests(DefaultGateway gateway) : IClassFixture<DefaultGateway>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TextMessage_IsEchoedThroughTheGateway()
    {
        using var socket = await ConnectAsync("wstext");

        await socket.SendAsync(Encoding.UTF8.GetBytes("hello, zowe"), WebSocketMessageType.Text, endOfMessage: true, Timeout());

        var (type, payload) = await ReceiveAsync(socket);
        Assert.Equal((WebSocketMessageType.Text, "hello, zowe"), (type, Encoding.UTF8.GetString(payload)));
    }

    [Fact]
    public async Task BinaryMessageLargerThan64KB_ArrivesWhole()
    {
        using var socket = await ConnectAsync("wsbig");
        var message = new byte[300 * 1024];
        new Random(42).NextBytes(message);

        await socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, Timeout());

        var (type, payload) = await ReceiveAsync(socket);
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(message, payload);
    }

    [Fact]
    public async Task Close_ReachesTheServiceAndItsAnswerReachesTheClient()
    {
        using var socket = await ConnectAsync("wsclose");

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", Timeout());

        Assert.Equal((WebSocketState.Closed, WebSocketCloseStatus.NormalClosure, "bye"), (socket.State, socket.CloseStatus, socket.CloseStatusDescription));
    }

    [Fact]
    public async Task IdleLongerThanTheServicesResponseTimeout_StaysOpen()
    {
        using var socket = await ConnectAsync("wsidle", ("apiml.responseTimeout", "1000"));

        // The response timeout bounds waiting for an HTTP answer; an open WebSocket may be idle far longer (Zowe: 1 h).
        await Task.Delay(TimeSpan.FromSeconds(3));
        await socket.SendAsync(Encoding.UTF8.GetBytes("still there"), WebSocketMessageType.Text, endOfMessage: true, Timeout());

        Assert.Equal("still there", Encoding.UTF8.GetString((await ReceiveAsync(socket)).Payload));
    }

    private async Task<ClientWebSocket> ConnectAsync(string serviceId, params (string Key, string Value)[] extra)
    {
        var metadata = EurekaRegistrations.Metadata(serviceId, [("apiml.routes.ws-v1.gatewayUrl", "ws/v1"), ("apiml.routes.ws-v1.serviceUrl", $"/{serviceId}/ws"), .. extra]);
        await gateway.StartServiceAsync(serviceId, metadata);
        var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = gateway.ValidateGatewayCertificate;
        await socket.ConnectAsync(new Uri($"wss://localhost:{gateway.GatewayPort}/{serviceId}/ws/v1/chat"), Timeout());
        return socket;
    }

    private static async Task<(WebSocketMessageType Type, byte[] Payload)> ReceiveAsync(WebSocket socket)
    {
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, Timeout());
            received.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, received.ToArray());
            }
        }
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Limit).Token;
}
