namespace ApiMlCluster.Gateway.Edge;

/// <summary>What is wrong with a raw request path, if anything, before it is routed.</summary>
internal enum PathProblem
{
    None,

    /// <summary><c>%2F</c> or <c>%5C</c> while <c>apiml.service.allowEncodedSlashes</c> is false (ZWEAG702E).</summary>
    EncodedSlash,

    /// <summary>A <c>.</c> or <c>..</c> segment, plain or encoded, which could climb out of the route's serviceUrl.</summary>
    DotSegment,
}

/// <summary>
/// Zowe's encoded-character rules on the raw path (the query is the service's business). Dot segments are refused
/// outright rather than normalised: a service that decodes <c>..%2F</c> itself would otherwise resolve a path the
/// gateway never routed.
/// </summary>
internal static class PathRules
{
    /// <summary>Characters Zowe's ForbidEncodedCharactersFilterFactory refuses for services that disable encoded characters.</summary>
    private static readonly char[] ForbiddenWhenEncodingDisabled = ['%', ';', '\\'];

    public static PathProblem Check(string rawPath, bool allowEncodedSlashes)
    {
        if (!allowEncodedSlashes && HasEncodedSlash(rawPath))
        {
            return PathProblem.EncodedSlash;
        }

        return HasDotSegment(rawPath) ? PathProblem.DotSegment : PathProblem.None;
    }

    /// <summary>True when a service with <c>apiml.enableUrlEncodedCharacters=false</c> must refuse the path (ZWEAG701E).</summary>
    public static bool HasEncodedCharacters(string rawPath) => rawPath.AsSpan().IndexOfAny(ForbiddenWhenEncodingDisabled) >= 0;

    private static bool HasEncodedSlash(string rawPath) =>
        rawPath.Contains("%2F", StringComparison.OrdinalIgnoreCase) || rawPath.Contains("%5C", StringComparison.OrdinalIgnoreCase);

    private static bool HasDotSegment(string rawPath)
    {
        // Without a '.' or an escape there is no dot segment: the common path skips the decoding.
        if (rawPath.AsSpan().IndexOfAny('.', '%') < 0)
        {
            return false;
        }

        // One decoding pass is what a service does; after it, encoded slashes and backslashes separate segments too.
        var decoded = Uri.UnescapeDataString(rawPath).AsSpan();
        foreach (var range in decoded.SplitAny('/', '\\'))
        {
            if (decoded[range] is "." or "..")
            {
                return true;
            }
        }

        return false;
    }
}
