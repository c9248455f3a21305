using ApiMlCluster.Core.Http;
using ApiMlCluster.Auth.Endpoints;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApiMlCluster.Gateway.Tickets;

/// <summary>
/// <c>POST /gateway/api/v1/auth/ticket</c> and its v2 alias <c>/gateway/auth/ticket</c> (contract §1.6). A wrong method
/// gets ZWEAG101E like the rest of the auth API.
/// </summary>
internal static class TicketEndpoint
{
    public const string Path = "/ticket";

    private static readonly string[] OtherMethods = ["GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    public static void MapTicketEndpoint(this IEndpointRouteBuilder routes, int gatewayPort)
    {
        foreach (var prefix in AuthEndpoints.Prefixes)
        {
            var group = routes.MapGroup(prefix).RequireLocalPort(gatewayPort);
            group.MapPost(Path, (TicketService tickets, HttpContext context) => tickets.IssueAsync(context));
            group.MapMethods(Path, OtherMethods, (HttpContext context) =>
                MessageResults.Message(AuthMessages.InvalidMethod, context.Request.Method, AuthService.MessagePath + "ticket"));
        }
    }
}
