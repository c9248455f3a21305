using ApiMlCluster.Discovery.Metadata;

namespace ApiMlCluster.Gateway.Cors;

/// <summary>The CORS-relevant parts of a request: its method and the <c>Origin</c> / <c>Access-Control-Request-*</c> headers.</summary>
internal sealed record CorsRequest(string Method, string? Origin, string? RequestedMethod, string? RequestedHeaders, string GatewayOrigin);

internal enum CorsVerdict
{
    /// <summary>No <c>Origin</c>, or the gateway's own: nothing to do.</summary>
    NotCors,

    /// <summary>An allowed preflight: the gateway answers it and the service never sees it.</summary>
    Preflight,

    /// <summary>An allowed cross-origin request: forwarded, and the response gets <c>Access-Control-Allow-*</c>.</summary>
    Allowed,

    /// <summary>Cross-origin, and CORS is off for the gateway or the service, or the origin or method is not allowed: 403.</summary>
    Refused,
}

/// <param name="Credentials">
/// The origin is listed by name in <c>apiml.corsAllowedOrigins</c>. Only then may the browser send the user's cookies
/// and read the answer: an origin let in by <c>*</c> (also the default when the list is empty) is any web site.
/// </param>
internal sealed record CorsDecision(CorsVerdict Verdict, string? Origin = null, string? AllowedHeaders = null, bool Credentials = false)
{
    public static readonly CorsDecision NotCors = new(CorsVerdict.NotCors);
}

/// <summary>
/// Zowe's CorsUtils as Spring's DefaultCorsProcessor applies it: CORS works for a service only when both the gateway
/// flag and the service's <c>apiml.corsEnabled</c> are on; otherwise the configuration for <c>/**</c> is empty and
/// every cross-origin request is refused. The origin is echoed, never <c>*</c>; credentials are allowed only for an
/// origin listed by name (Zowe also allows them for <c>*</c>, which lets any site act with the user's cookie).
/// </summary>
internal static class CorsPolicy
{
    /// <summary>Zowe's default <c>apiml.service.corsAllowedMethods</c>.</summary>
    public static readonly IReadOnlyList<string> AllowedMethods = ["GET", "HEAD", "POST", "PATCH", "DELETE", "PUT", "OPTIONS"];

    public static CorsDecision Decide(CorsRequest request, bool gatewayCorsEnabled, CorsSettings service)
    {
        if (string.IsNullOrEmpty(request.Origin) || IsSameOrigin(request.Origin, request.GatewayOrigin))
        {
            return CorsDecision.NotCors;
        }

        var preflight = HttpMethodIs(request.Method, "OPTIONS") && !string.IsNullOrEmpty(request.RequestedMethod);
        if (!gatewayCorsEnabled || !service.Enabled || !OriginAllowed(request.Origin, service.AllowedOrigins))
        {
            return new CorsDecision(CorsVerdict.Refused);
        }

        var credentials = OriginListed(request.Origin, service.AllowedOrigins);
        if (!preflight)
        {
            return new CorsDecision(CorsVerdict.Allowed, request.Origin, Credentials: credentials);
        }

        return AllowedMethods.Any(m => HttpMethodIs(request.RequestedMethod!, m))
            ? new CorsDecision(CorsVerdict.Preflight, request.Origin, string.IsNullOrWhiteSpace(request.RequestedHeaders) ? null : request.RequestedHeaders, credentials)
            : new CorsDecision(CorsVerdict.Refused);
    }

    private static bool OriginAllowed(string origin, IReadOnlyList<string> allowed) =>
        allowed.Any(a => a == "*") || OriginListed(origin, allowed);

    private static bool OriginListed(string origin, IReadOnlyList<string> allowed)
    {
        var trimmed = origin.TrimEnd('/');
        return allowed.Any(a => string.Equals(a.TrimEnd('/'), trimmed, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsSameOrigin(string origin, string gatewayOrigin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || !Uri.TryCreate(gatewayOrigin, UriKind.Absolute, out var g))
        {
            return false;
        }

        return string.Equals(o.Scheme, g.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.IdnHost, g.IdnHost, StringComparison.OrdinalIgnoreCase)
            && o.Port == g.Port;
    }

    private static bool HttpMethodIs(string method, string expected) => string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);
}
