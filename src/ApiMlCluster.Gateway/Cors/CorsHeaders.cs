using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ApiMlCluster.Gateway.Cors;

/// <summary>The response side of a <see cref="CorsDecision"/>, and the request headers Zowe never forwards.</summary>
internal static class CorsHeaders
{
    /// <summary>
    /// Zowe's <c>apiml.service.ignoredHeadersWhenCorsEnabled</c>. Removed from every forwarded request, as v3 does
    /// regardless of the CORS flag: the gateway, not the service, decides CORS.
    /// </summary>
    public static readonly string[] IgnoredRequestHeaders =
    [
        "Access-Control-Request-Method", "Access-Control-Request-Headers", "Access-Control-Allow-Origin", "Access-Control-Allow-Methods",
        "Access-Control-Allow-Headers", "Access-Control-Allow-Credentials", "Origin",
    ];

    /// <summary>Spring's default preflight cache time.</summary>
    public const string MaxAgeSeconds = "1800";

    private static readonly string[] Vary = [HeaderNames.Origin, HeaderNames.AccessControlRequestMethod, HeaderNames.AccessControlRequestHeaders];

    public static Task WritePreflightAsync(HttpContext context, CorsDecision decision)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        Grant(response.Headers, decision);
        response.Headers.AccessControlAllowMethods = string.Join(',', CorsPolicy.AllowedMethods);
        if (decision.AllowedHeaders is { } headers)
        {
            response.Headers.AccessControlAllowHeaders = headers;
        }

        response.Headers.AccessControlMaxAge = MaxAgeSeconds;
        response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Replaces whatever <c>Access-Control-*</c> headers the service sent with the gateway's: two
    /// <c>Access-Control-Allow-Origin</c> values make a browser reject the response.
    /// </summary>
    public static void Grant(IHeaderDictionary headers, CorsDecision decision)
    {
        foreach (var name in headers.Keys.Where(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(name);
        }

        headers.AccessControlAllowOrigin = decision.Origin;
        if (decision.Credentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }

        var vary = headers.Vary.ToString();
        var missing = Vary.Where(v => !vary.Contains(v, StringComparison.OrdinalIgnoreCase));
        headers.Vary = vary.Length == 0 ? string.Join(", ", missing) : string.Join(", ", missing.Prepend(vary));
    }
}
