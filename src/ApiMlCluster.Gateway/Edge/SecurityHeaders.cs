using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// Spring Cloud Gateway's SecureHeaders filter with Zowe's settings (frame options SAMEORIGIN, referrer policy
/// strict-origin-when-cross-origin; CSP, download options and permitted cross-domain policies off). Set on every
/// gateway-port response, errors included, and they replace a service's own values: the gateway's policy is the one
/// the browser should see, and no service can weaken it.
/// </summary>
internal static class SecurityHeaders
{
    private static readonly KeyValuePair<string, string>[] All =
    [
        new("X-Frame-Options", "SAMEORIGIN"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        new("Strict-Transport-Security", "max-age=631138519"),
        new("X-Content-Type-Options", "nosniff"),
        new("X-XSS-Protection", "1 ; mode=block"),
    ];

    public static void Apply(IHeaderDictionary headers)
    {
        foreach (var (name, value) in All)
        {
            headers[name] = value;
        }
    }
}
