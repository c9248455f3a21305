using ApiMlCluster.Gateway.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ApiMlCluster.Gateway.Tests.Edge;

public sealed class UpgradeTimeoutTests
{
    private static readonly TimeSpan Response = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("websocket")]
    [InlineData("WebSocket")]
    [InlineData("h2c, websocket")]
    public void For_AWebSocketUpgrade_IsTheWebSocketIdleLimit(string upgrade)
    {
        Assert.Equal(UpgradeTimeout.WebSocketIdle, UpgradeTimeout.For(Upgrading(upgrade), Response));
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("h2c")]
    [InlineData("")]
    public void For_AnyOtherUpgrade_KeepsTheResponseTimeout(string upgrade)
    {
        // A bare "Connection: Upgrade" once bought any client an hour of idle connection (security review F22).
        Assert.Equal(Response, UpgradeTimeout.For(Upgrading(upgrade), Response));
    }

    [Fact]
    public void For_APlainRequest_KeepsTheResponseTimeout()
    {
        Assert.Equal(Response, UpgradeTimeout.For(new DefaultHttpContext(), Response));
    }

    [Theory]
    [InlineData("websocket", true)]
    [InlineData("connect-udp", false)]
    public void For_AnHttp2ExtendedConnect_IsTheWebSocketIdleLimitOnlyForWebSockets(string protocol, bool webSocket)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpExtendedConnectFeature>(new ExtendedConnect(protocol));

        Assert.Equal(webSocket ? UpgradeTimeout.WebSocketIdle : Response, UpgradeTimeout.For(context, Response));
    }

    private static DefaultHttpContext Upgrading(string upgrade)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpUpgradeFeature>(new Upgradable());
        context.Request.Headers.Connection = "Upgrade";
        context.Request.Headers.Upgrade = upgrade;
        return context;
    }

    private sealed class Upgradable : IHttpUpgradeFeature
    {
        public bool IsUpgradableRequest => true;

        public Task<Stream> UpgradeAsync() => throw new NotSupportedException();
    }

    private sealed class ExtendedConnect(string protocol) : IHttpExtendedConnectFeature
    {
        public bool IsExtendedConnect => true;

        public string? Protocol => protocol;

        public ValueTask<Stream> AcceptAsync() => throw new NotSupportedException();
    }
}
