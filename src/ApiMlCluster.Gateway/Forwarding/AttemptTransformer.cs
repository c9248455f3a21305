using System.Net;
using ApiMlCluster.Gateway.LoadBalancing;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ApiMlCluster.Gateway.Forwarding;

/// <summary>
/// Wraps the request's transformer for one attempt: gives the attempt its connect timeout, names the instance in
/// <c>X-InstanceId</c> when the gateway is configured to, and, when another attempt is possible, drops a 503 of the
/// instance before anything reaches the client so the request can go to another instance.
/// </summary>
internal sealed class AttemptTransformer(HttpTransformer inner, TimeSpan? connectTimeout, bool retryOnUnavailable, string? instanceIdHeader) : HttpTransformer
{
    /// <summary>The instance answered 503 and the answer was dropped for a retry.</summary>
    public bool DroppedUnavailable { get; private set; }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await inner.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
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

        var copyBody = await inner.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (proxyResponse is not null && instanceIdHeader is not null)
        {
            httpContext.Response.Headers[InstanceChooser.InstanceIdHeader] = instanceIdHeader;
        }

        return copyBody;
    }

    public override ValueTask TransformResponseTrailersAsync(HttpContext httpContext, HttpResponseMessage proxyResponse, CancellationToken cancellationToken) =>
        inner.TransformResponseTrailersAsync(httpContext, proxyResponse, cancellationToken);
}
