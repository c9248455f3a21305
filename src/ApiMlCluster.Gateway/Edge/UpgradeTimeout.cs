using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// YARP's ActivityTimeout is an idle timeout, and after an upgrade it applies to the open WebSocket too. The service's
/// response timeout is meant for waiting on an HTTP answer, so an upgraded connection gets Zowe's WebSocket idle limit
/// (<c>server.webSocket.maxIdleTimeout</c>, one hour) instead.
/// </summary>
internal static class UpgradeTimeout
{
    public static readonly TimeSpan WebSocketIdle = TimeSpan.FromHours(1);

    public static TimeSpan For(HttpContext context, TimeSpan responseTimeout) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true
            ? WebSocketIdle
            : responseTimeout;
}
