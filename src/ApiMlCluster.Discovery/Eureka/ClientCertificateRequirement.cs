using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// Zowe's rule for <c>/eureka/**</c>: the caller presents a client certificate the truststore trusts (any such
/// certificate; Zowe's principal is just "eurekaClient"). Off only when <c>zowe.verifyCertificates</c> is DISABLED.
/// </summary>
internal sealed class ClientCertificateRequirement(DiscoverySettings settings, TlsMaterial tls) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!settings.RequireClientCertificate)
        {
            return next(context);
        }

        var certificate = context.HttpContext.Connection.ClientCertificate;
        if (certificate is null)
        {
            return ValueTask.FromResult<object?>(MessageResults.Message(EurekaMessages.CertificateRequired));
        }

        return tls.IsTrusted(certificate)
            ? next(context)
            : ValueTask.FromResult<object?>(MessageResults.Message(EurekaMessages.CertificateNotTrusted, $"client certificate '{certificate.Subject}' is not trusted"));
    }
}
