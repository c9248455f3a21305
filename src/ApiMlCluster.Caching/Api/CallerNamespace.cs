using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Caching.Api;

/// <summary>
/// Who is calling, which decides the namespace (Zowe's serviceId) all keys of the request live in:
/// <list type="bullet">
/// <item>a trusted client certificate is required (401 ZWECS702E without one, 403 when the truststore does not trust it;
/// both are skipped only when <c>zowe.verifyCertificates</c> is DISABLED);</item>
/// <item>the namespace is the certificate's distinguished name, except when the certificate carries a node key
/// (<see cref="NodeKeys"/>: this node's or a peer's, never merely the same subject or CA): that is a gateway
/// forwarding a caller under the x509 scheme, and the
/// namespace is the caller's DN from <c>X-Certificate-DistinguishedName</c>, which is then required (the gateway
/// strips the header from what clients send). Any other caller sending the header would otherwise read another
/// service's data, and a gateway call without a client certificate would land in the APIML's own namespace;</item>
/// <item><c>X-CS-Service-ID</c> narrows the namespace to <c>"&lt;DN&gt;, SERVICE=&lt;id&gt;"</c>, as in Zowe. Unlike Zowe,
/// the header alone is no identity (only with certificate checks DISABLED).</item>
/// </list>
/// </summary>
internal sealed class CallerNamespace(CachingSettings settings, TlsMaterial tls, NodeKeys nodes) : IEndpointFilter
{
    public const string DistinguishedNameHeader = "X-Certificate-DistinguishedName";
    public const string ServiceIdHeader = "X-CS-Service-ID";

    /// <summary>A namespace is hashed into the entity id, but it is also echoed as <c>serviceId</c>; keep it sane.</summary>
    public const int MaxLength = 2048;

    private static readonly object ItemKey = new();
    private static readonly object OwnerKey = new();

    public static string Of(HttpContext context) => (string)context.Items[ItemKey]!;

    /// <summary>The certificate DN the namespace belongs to and its <c>X-CS-Service-ID</c>, if the request named one.</summary>
    public static (string Owner, string? ServiceId) OwnerOf(HttpContext context) => ((string, string?))context.Items[OwnerKey]!;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var forwardedDn = Header(http, DistinguishedNameHeader);
        string? dn;
        var certificate = http.Connection.ClientCertificate;
        if (!settings.RequireClientCertificate)
        {
            dn = forwardedDn ?? certificate?.Subject;
        }
        else if (certificate is null)
        {
            return Answer(MessageResults.Message(CachingMessages.MissingCertificate));
        }
        else if (!tls.IsTrusted(certificate))
        {
            return Answer(MessageResults.Message(CachingMessages.CertificateNotTrusted, $"client certificate '{certificate.Subject}' is not trusted"));
        }
        else
        {
            dn = nodes.Allows(certificate) ? forwardedDn : certificate.Subject;
        }

        var serviceId = Header(http, ServiceIdHeader);
        var @namespace = (dn, serviceId) switch
        {
            ({ Length: > 0 }, { } id) => $"{dn}, SERVICE={id}",
            ({ Length: > 0 }, null) => dn,
            (_, { } id) when !settings.RequireClientCertificate => id,
            _ => null,
        };
        if (@namespace is null)
        {
            return Answer(MessageResults.Message(CachingMessages.MissingCertificate));
        }

        if (@namespace.Length > MaxLength)
        {
            return Answer(MessageResults.Message(CachingMessages.InvalidPayload, "headers", $"the namespace has more than {MaxLength} characters"));
        }

        http.Items[ItemKey] = @namespace;
        http.Items[OwnerKey] = (dn ?? string.Empty, serviceId);
        return next(context);
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers[name].ToString() is { Length: > 0 } value ? value : null;

    private static ValueTask<object?> Answer(IResult result) => ValueTask.FromResult<object?>(result);
}
