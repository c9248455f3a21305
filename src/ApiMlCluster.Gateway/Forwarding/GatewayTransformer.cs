using System.Net;
using ApiMlCluster.Gateway.Edge;
using ApiMlCluster.Gateway.LoadBalancing;
using ApiMlCluster.Gateway.Schemes;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Shapes one attempt's request to an instance: the rewritten path, the <c>X-Forwarded-*</c> family, none of the
/// certificate headers a caller could use to impersonate a certificate-authenticated client (Zowe's
/// <c>apiml.security.headersToBeCleared</c>), the credentials of the service's scheme, and the attempt's connect
/// timeout. On the way back it names the instance in <c>X-InstanceId</c> when the gateway is configured to, and, when
/// another attempt is possible, drops a 503 of the instance before anything reaches the client so the request can go
/// to another instance.
/// </summary>
internal sealed class GatewayTransformer(
    string targetPath,
    string prefix,
    SouthboundCredentials southbound,
    TimeSpan? connectTimeout,
    bool retryOnUnavailable,
    string? instanceIdHeader) : HttpTransformer
{
    public static readonly string[] ClearedHeaders = ["X-Certificate-Public", "X-Certificate-DistinguishedName", "X-Certificate-CommonName"];

    /// <summary>The instance answered 503 and the answer was dropped for a retry.</summary>
    public bool DroppedUnavailable { get; private set; }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var headers = proxyRequest.Headers;
        var request = httpContext.Request;
        var sent = request.Headers;
        foreach (var header in ClearedHeaders)
        {
            headers.RemoveSent(sent, header);
        }

        EdgeForwarding.TransformRequest(httpContext, proxyRequest);
        southbound.ApplyTo(httpContext, proxyRequest);

        proxyRequest.RequestUri = EdgeForwarding.Address(destinationPrefix, targetPath, request.QueryString);
        headers.Host = null;
        AppendForwardedFor(headers, sent, httpContext.Connection.RemoteIpAddress?.ToString());
        headers.Replace(sent, "X-Forwarded-Host", request.Host.Value);
        headers.Replace(sent, "X-Forwarded-Proto", request.Scheme);
        headers.Replace(sent, "X-Forwarded-Port", PortText.Of(request.Host.Port ?? (request.IsHttps ? 443 : 80)));
        headers.Replace(sent, "X-Forwarded-Prefix", prefix);
        if (connectTimeout is { } timeout)
        {
            proxyRequest.Options.Set(ServiceConnect.TimeoutKey, timeout);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (retryOnUnavailable && proxyResponse?.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            DroppedUnavailable = true;
            return false;
        }

        var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        EdgeForwarding.TransformResponse(httpContext, proxyResponse);
        if (proxyResponse is not null && instanceIdHeader is not null)
        {
            httpContext.Response.Headers[InstanceChooser.InstanceIdHeader] = instanceIdHeader;
        }

        return copyBody;
    }

    private static void AppendForwardedFor(System.Net.Http.Headers.HttpRequestHeaders headers, IHeaderDictionary sent, string? client)
    {
        const string name = "X-Forwarded-For";
        if (client is null)
        {
            return;
        }

        var existing = sent.ContainsKey(name) && headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
        headers.RemoveSent(sent, name);
        headers.TryAddWithoutValidation(name, existing is null ? client : $"{existing}, {client}");
    }

    /// <summary>The text of the port clients address, kept: it is the same port on nearly every request.</summary>
    private static class PortText
    {
        // One object, so a reader never sees one port's number with another's text.
        private static Entry last = new(443, "443");

        public static string Of(int port)
        {
            var cached = last;
            if (cached.Port == port)
            {
                return cached.Text;
            }

            var entry = new Entry(port, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            last = entry;
            return entry.Text;
        }

        private sealed record Entry(int Port, string Text);
    }
}
