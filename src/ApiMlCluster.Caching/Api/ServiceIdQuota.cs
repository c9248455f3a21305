using System.Collections.Concurrent;
using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Caching.Api;

/// <summary>
/// After <see cref="CallerNamespace"/>: a write (POST, PUT) to an <c>X-CS-Service-ID</c> namespace needs that id
/// admitted for the caller's certificate by its <see cref="CertificateServiceIds"/> entity, at most
/// <c>storage.maxServiceIdsPerCertificate</c> per certificate across the cluster (507 ZWECS134E beyond). Reads and
/// deletes never grow storage and pass. Admitted namespaces are remembered on this node, so only a certificate's
/// first write to a namespace costs the extra ask.
/// </summary>
internal sealed class ServiceIdQuota(CacheStore store, CachingSettings settings) : IEndpointFilter
{
    private const int Remembered = 100_000;
    private readonly ConcurrentDictionary<string, byte> admitted = new(StringComparer.Ordinal);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!(HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method))
            || CallerNamespace.OwnerOf(http) is not (var owner, { } serviceId))
        {
            return await next(context);
        }

        var @namespace = CallerNamespace.Of(http);
        if (!admitted.ContainsKey(@namespace))
        {
            var admit = new AdmitServiceId(CertificateServiceIds.EntityIdOf(owner), Guid.NewGuid(), serviceId, settings.MaxServiceIdsPerCertificate);
            switch (await store.SendAsync(admit, http.RequestAborted))
            {
                case BucketDone:
                    if (admitted.Count >= Remembered)
                    {
                        admitted.Clear();
                    }

                    admitted[@namespace] = 0;
                    break;
                case BucketRejected:
                    return MessageResults.Message(CachingMessages.TooManyServiceIds, settings.MaxServiceIdsPerCertificate);
                default:
                    return MessageResults.Message(CachingMessages.NotAvailable);
            }
        }

        return await next(context);
    }
}
