using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Discovery.StaticDefinitions;

/// <summary>
/// A reload re-registers every static instance and answers with the definition files' paths and problems, so it is
/// an operator's action: a node key (scripts and peers), or a user with READ on the admin resource
/// (<c>ZOWE</c>/<c>APIML.SERVICES</c> by default). Any other caller gets 403 ZWEAT403E; listing stays open to every
/// authenticated caller, as in Zowe.
/// </summary>
internal sealed class ReloadRequirement(NodeKeys nodeKeys, SafCallers callers, IAuthorizationProvider provider, AuthorizationSettings settings) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Connection.ClientCertificate is { } certificate && nodeKeys.Allows(certificate))
        {
            return await next(context);
        }

        var (userId, failure) = await callers.ResolveAsync(http);
        if (userId is null)
        {
            return failure;
        }

        var check = new ResourceCheck(settings.ResourceClass, settings.AdminResource, AccessLevel.Read);
        return await provider.CheckAsync(userId, check, http.RequestAborted) switch
        {
            AuthorizationDecision.Allowed => await next(context),
            AuthorizationDecision.Unavailable => MessageResults.Message(CommonMessages.ServiceUnavailable, "the authorization provider is unavailable"),
            _ => MessageResults.Message(AuthorizationMessages.Forbidden, StaticApiEndpoints.Path),
        };
    }
}
