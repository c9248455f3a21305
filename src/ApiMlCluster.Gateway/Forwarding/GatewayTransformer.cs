using ApiMlCluster.Gateway.Edge;
using ApiMlCluster.Gateway.Schemes;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Shapes the request a service receives: the rewritten path on the chosen instance, the <c>X-Forwarded-*</c>
/// family, and none of the certificate headers a caller could use to impersonate a certificate-authenticated
/// client (Zowe's <c>apiml.security.headersToBeCleared</c>), then the credentials of the service's scheme.
/// </summary>
internal sealed class GatewayTransformer(string targetPath, string prefix, SouthboundCredentials? southbound = null) : HttpTransformer
{
    public static readonly string[] ClearedHeaders = ["X-Certificate-Public", "X-Certificate-DistinguishedName", "X-Certificate-CommonName"];

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        foreach (var header in ClearedHeaders)
        {
            proxyRequest.Headers.Remove(header);
        }

        EdgeForwarding.TransformRequest(httpContext, proxyRequest);
        southbound?.ApplyTo(httpContext, proxyRequest);

        var request = httpContext.Request;
        proxyRequest.RequestUri = EdgeForwarding.Address(destinationPrefix, targetPath, request.QueryString);
        proxyRequest.Headers.Host = null;
        Append(proxyRequest, "X-Forwarded-For", httpContext.Connection.RemoteIpAddress?.ToString());
        proxyRequest.Headers.Remove("X-Forwarded-Host");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
        proxyRequest.Headers.Remove("X-Forwarded-Proto");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        proxyRequest.Headers.Remove("X-Forwarded-Port");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Port", (request.Host.Port ?? (request.IsHttps ? 443 : 80)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        proxyRequest.Headers.Remove("X-Forwarded-Prefix");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", prefix);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        EdgeForwarding.TransformResponse(httpContext, proxyResponse);
        return copyBody;
    }

    private static void Append(HttpRequestMessage request, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        var existing = request.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, existing is null ? value : $"{existing}, {value}");
    }
}
