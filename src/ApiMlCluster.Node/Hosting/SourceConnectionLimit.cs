using System.Collections.Concurrent;
using System.Net;
using ApiMlCluster.Core.Http;
using Microsoft.AspNetCore.Connections;

namespace ApiMlCluster.Node.Hosting;

/// <summary>
/// Kestrel connection middleware, before TLS: a source address (<see cref="SourceAddress"/>, IPv6 by /64) holding
/// <c>zowe.network.server.maxConnectionsPerSource</c> open connections over all the node's ports has any further one
/// closed at once, so one client cannot take the node's whole <c>maxConnections</c> (Kestrel has no per-source
/// limit). Refusals are logged at most every 10 s, with how many there were.
/// </summary>
internal sealed class SourceConnectionLimit(int maxPerSource, ILogger logger)
{
    private static readonly long LogEveryMs = 10_000;
    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);
    private long refusedSinceLog;
    private long lastLog = long.MinValue;

    public int OpenFrom(string source) => open.GetValueOrDefault(source);

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var source = SourceAddress.Of((connection.RemoteEndPoint as IPEndPoint)?.Address);
        if (!TryEnter(source))
        {
            Refused(source);
            connection.Abort(new ConnectionAbortedException("too many connections from this source"));
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Leave(source);
        }
    };

    private bool TryEnter(string source)
    {
        while (true)
        {
            if (!open.TryGetValue(source, out var count))
            {
                if (open.TryAdd(source, 1))
                {
                    return true;
                }
            }
            else if (count >= maxPerSource)
            {
                return false;
            }
            else if (open.TryUpdate(source, count + 1, count))
            {
                return true;
            }
        }
    }

    private void Leave(string source)
    {
        while (true)
        {
            var count = open[source];
            if (count == 1 ? open.TryRemove(KeyValuePair.Create(source, 1)) : open.TryUpdate(source, count - 1, count))
            {
                return;
            }
        }
    }

    private void Refused(string source)
    {
        var refused = Interlocked.Increment(ref refusedSinceLog);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastLog);
        if (now - last >= LogEveryMs && Interlocked.CompareExchange(ref lastLog, now, last) == last)
        {
            Interlocked.Add(ref refusedSinceLog, -refused);
            NodeLog.ConnectionsPerSourceExceeded(logger, source, maxPerSource, refused);
        }
    }
}
