using ApiMlCluster.Auth.Authorization;

namespace ApiMlCluster.Gateway.Authorization;

/// <summary>One configured check of a service's routed requests; <see cref="PathSegments"/> empty means every path.</summary>
internal sealed record RouteResourceRule(string[] PathSegments, ResourceCheck Check)
{
    /// <summary>
    /// Whether the gateway path after the service id starts with the rule's segments. Empty segments are skipped,
    /// case is ignored and path parameters (<c>;jsessionid=x</c>, which Tomcat and others drop before mapping) are cut
    /// off, so neither <c>API//v1/Admin</c> nor <c>api/v1/admin;x=1</c> slips past a rule for <c>api/v1/admin</c>.
    /// </summary>
    public bool Covers(ReadOnlySpan<char> path)
    {
        var index = 0;
        foreach (var range in path.Split('/'))
        {
            if (index == PathSegments.Length)
            {
                return true;
            }

            var segment = path[range];
            if (segment.IndexOf(';') is var parameters and >= 0)
            {
                segment = segment[..parameters];
            }

            if (segment.IsEmpty)
            {
                continue;
            }

            if (!segment.Equals(PathSegments[index], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            index++;
        }

        return index == PathSegments.Length;
    }
}
