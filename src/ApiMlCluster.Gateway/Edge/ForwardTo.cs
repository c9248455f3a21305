using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>
/// Zowe's ByHeader routing: <c>X-Forward-To: &lt;serviceId&gt;[/&lt;next steps&gt;]</c> sends the request, path unchanged,
/// to that service, which must be a domain gateway (it declares an <c>apimlId</c>), and passes the remaining steps on, or
/// drops the header at the last hop.
/// </summary>
internal static class ForwardTo
{
    public const string Header = "X-Forward-To";

    public static bool TryRead(IHeaderDictionary headers, out string serviceId, out string? nextSteps)
    {
        var value = headers[Header].ToString().Trim();
        serviceId = string.Empty;
        nextSteps = null;
        if (value.Length == 0)
        {
            return false;
        }

        var slash = value.IndexOf('/');
        serviceId = (slash < 0 ? value : value[..slash]).ToLowerInvariant();
        nextSteps = slash < 0 || slash + 1 >= value.Length ? null : value[(slash + 1)..];
        // Present but naming nothing still counts: Zowe's path routes require the header to be absent, so it is a 404.
        return true;
    }
}
