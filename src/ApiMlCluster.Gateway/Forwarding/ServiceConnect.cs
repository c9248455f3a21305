using System.Net.Http;
using System.Net.Sockets;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Opens connections to services with the connect timeout of the request that needs the connection: one pooled
/// handler serves every service, and <see cref="SocketsHttpHandler.ConnectTimeout"/> is per handler. A connect that
/// times out fails like a refused one (an <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestError.ConnectionError"/>), so the instance is marked down and the request may be retried,
/// instead of looking like the response timeout.
/// </summary>
internal static class ServiceConnect
{
    public static readonly HttpRequestOptionsKey<TimeSpan> TimeoutKey = new("apiml.connectTimeout");

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var timeout = context.InitialRequestMessage.Options.TryGetValue(TimeoutKey, out var t) && t > TimeSpan.Zero ? t : Timeout.InfiniteTimeSpan;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, deadline.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"No connection to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} within {timeout.TotalMilliseconds:F0} ms", new TimeoutException());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
