using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Sends a gateway-port request straight to the services when its first path segment starts none of the node's own
/// endpoints, before exception pages, status-code pages and endpoint routing: no endpoint could match it, so those
/// layers only cost every proxied request time. A request whose first segment is one of the node's (<c>gateway</c>,
/// <c>application</c>, ...) takes the full pipeline, so a wrong method there still gets the node's 405. When an
/// endpoint starts with a parameter, no segment is safe and the shortcut stays off.
/// </summary>
internal sealed class ServicePathShortcut(IEnumerable<EndpointDataSource> sources)
{
    // One object, so a reader sees the segments and the decision to stay off together.
    private volatile Reservation? reservation;

    /// <summary>Whether the request must go through the node's pipeline (its first segment may be the node's).</summary>
    public bool IsNodePath(PathString path)
    {
        if ((reservation ??= Reserve()).Segments is not { } segments)
        {
            return true;
        }

        var value = path.Value.AsSpan();
        if (value.Length < 2 || value[0] != '/')
        {
            return true;
        }

        var rest = value[1..];
        var end = rest.IndexOf('/');
        var first = end < 0 ? rest : rest[..end];
        return first.IsEmpty || segments.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first);
    }

    /// <summary>Read on the first request, once every endpoint is mapped.</summary>
    private Reservation Reserve()
    {
        var first = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints))
        {
            if (endpoint is not RouteEndpoint route)
            {
                continue;
            }

            if (route.RoutePattern.PathSegments is not [var segment, ..] || segment.Parts is not [RoutePatternLiteralPart literal])
            {
                return new Reservation(null);
            }

            first.Add(literal.Content);
        }

        return new Reservation(first.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The first segments of the node's endpoints, or null when one starts with a parameter.</summary>
    private sealed record Reservation(FrozenSet<string>? Segments);
}
