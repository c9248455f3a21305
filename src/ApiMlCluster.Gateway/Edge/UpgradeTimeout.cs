using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// YARP's ActivityTimeout is an idle timeout, and after an upgrade it applies to the open WebSocket too. The service's
/// response timeout is meant for waiting on an HTTP answer, so a WebSocket (an HTTP/1.1 <c>Upgrade: websocket</c> or
/// an HTTP/2 extended CONNECT for <c>websocket</c>) gets Zowe's WebSocket idle limit (<c>server.webSocket.maxIdleTimeout</c>,
/// one hour) instead. Any other upgrade keeps the response timeout: a bare <c>Connection: Upgrade</c> must not buy an
/// idle connection an hour.
/// </summary>
internal static class UpgradeTimeout
{
    public static readonly TimeSpan WebSocketIdle = TimeSpan.FromHours(1);

    public static TimeSpan For(HttpContext context, TimeSpan responseTimeout) =>
        IsWebSocket(context) ? WebSocketIdle : responseTimeout;

    private static bool IsWebSocket(HttpContext context)
    {
        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            return string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
        }

        if (context.Features.Get<IHttpUpgradeFeature>() is not { IsUpgradableRequest: true })
        {
            return false;
        }

        foreach (var value in context.Request.Headers.Upgrade)
        {
            foreach (var protocol in (value ?? string.Empty).Split(','))
            {
                if (string.Equals(protocol.Trim(), "websocket", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
