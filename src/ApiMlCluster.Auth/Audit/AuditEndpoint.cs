using ApiMlCluster.Core.Http;
using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApiMlCluster.Auth.Audit;

/// <summary>
/// <c>GET /gateway/api/v1/audit?order=newest|oldest&amp;limit=1..500&amp;cursor=...</c>: the cluster's audit records for
/// admins (SAF READ on the admin resource, <c>ZOWE</c>/<c>APIML.SERVICES</c> by default). Caller by token, Basic or
/// certificate; 401 without, 403 ZWEAT403E without the access, 503 when the provider or the journal cannot answer.
/// </summary>
internal sealed class AuditEndpoint(SafCallers callers, IAuthorizationProvider provider, AuthorizationSettings settings, AuditLogHolder logs)
{
    public const string Path = "/gateway/api/v1/audit";
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static void Map(IEndpointRouteBuilder routes, int gatewayPort) =>
        routes.MapGet(Path, (AuditEndpoint endpoint, HttpContext context) => endpoint.GetAsync(context)).RequireLocalPort(gatewayPort);

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var (userId, failure) = await callers.ResolveAsync(context);
        if (userId is null)
        {
            return failure!;
        }

        var check = new ResourceCheck(settings.ResourceClass, settings.AdminResource, AccessLevel.Read);
        switch (await provider.CheckAsync(userId, check, context.RequestAborted))
        {
            case AuthorizationDecision.Denied:
                return MessageResults.Message(AuthorizationMessages.Forbidden, Path);
            case AuthorizationDecision.Unavailable:
                return MessageResults.Message(CommonMessages.ServiceUnavailable, "the authorization provider is unavailable");
        }

        var query = context.Request.Query;
        var order = query["order"].ToString();
        if (order is not ("" or "newest" or "oldest"))
        {
            return MessageResults.Message(AuthorizationMessages.BadRequest, $"order '{order}' is not newest or oldest");
        }

        var limit = DefaultLimit;
        var limitText = query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return MessageResults.Message(AuthorizationMessages.BadRequest, $"limit '{limitText}' is not a whole number from 1 to {MaxLimit}");
        }

        if (!AuditLog.TryParseCursor(query["cursor"].ToString(), out var cursor))
        {
            return MessageResults.Message(AuthorizationMessages.BadRequest, "the cursor is not one this endpoint returned");
        }

        if (logs.Log is not { } log)
        {
            return MessageResults.Message(CommonMessages.ServiceUnavailable, "the audit log is starting");
        }

        try
        {
            var page = await log.PageAsync(order != "oldest", Math.Min(limit, MaxLimit), cursor).WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Json(page);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.Data.Common.DbException or AggregateException or Akka.Actor.AskTimeoutException)
        {
            return MessageResults.Message(CommonMessages.ServiceUnavailable, "the audit journal cannot be read");
        }
    }
}

/// <summary>The audit reader, once the ActorSystem runs.</summary>
internal sealed class AuditLogHolder
{
    private volatile AuditLog? log;

    public AuditLog? Log => log;

    public void Set(AuditLog value) => log = value;
}
