using ApiMlCluster.Gateway.Cors;
using ApiMlCluster.Gateway.Forwarding;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>The edge's part of the request a service receives and of the response the client gets back.</summary>
internal static class EdgeForwarding
{
    /// <summary>
    /// The address on the instance: <paramref name="targetPath"/> is already percent-encoded as the client sent it, so it
    /// is joined as is. YARP's MakeDestinationAddress would encode a decoded path again and turn <c>%2F</c> into <c>%252F</c>.
    /// </summary>
    public static Uri Address(string destinationPrefix, string targetPath, QueryString query) =>
        new(string.Concat(destinationPrefix.TrimEnd('/'), targetPath, query.ToUriComponent()), UriKind.Absolute);

    public static void TransformRequest(HttpContext context, HttpRequestMessage proxyRequest)
    {
        var sent = context.Request.Headers;
        foreach (var header in CorsHeaders.IgnoredRequestHeaders)
        {
            proxyRequest.Headers.RemoveSent(sent, header);
        }

        proxyRequest.Headers.RemoveSent(sent, ForwardTo.Header);
        if (context.Features.Get<EdgeRoute>()?.NextForwardTo is { } next)
        {
            proxyRequest.Headers.TryAddWithoutValidation(ForwardTo.Header, next);
        }
    }

    public static void TransformResponse(HttpContext context, HttpResponseMessage? proxyResponse)
    {
        var status = context.Response.StatusCode;
        if (status is < 300 or > 399 || proxyResponse?.RequestMessage?.RequestUri is not { } sentTo
            || context.Features.Get<EdgeRoute>() is not { } edge)
        {
            return;
        }

        var headers = context.Response.Headers;
        var location = headers.Location.ToString();
        if (location.Length > 0
            && LocationRewriter.Rewrite(location, new Uri(sentTo.GetLeftPart(UriPartial.Authority)), edge.Service, edge.Table, context.Request.Host.Value ?? string.Empty) is { } rewritten)
        {
            headers.Location = rewritten;
        }
    }
}
