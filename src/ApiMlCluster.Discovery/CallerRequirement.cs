using ApiMlCluster.Auth.Callers;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Discovery;

/// <summary>Zowe's rule for <c>/discovery/**</c> and the gateway's service list: a token, Basic credentials or a trusted client certificate.</summary>
internal sealed class CallerRequirement(CallerAuthenticator callers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await callers.AuthenticateAsync(context.HttpContext);
        return result.Failure ?? await next(context);
    }
}
