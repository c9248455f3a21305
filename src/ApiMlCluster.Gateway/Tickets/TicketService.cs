using System.Text.Json;
using System.Text.Json.Serialization;
using ApiMlCluster.Auth.Authentication;
using ApiMlCluster.Auth.Endpoints;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Http;
using ApiMlCluster.Core.Messages;
using ApiMlCluster.Discovery.Ownership;
using ApiMlCluster.Gateway.Schemes;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Tickets;

/// <summary>
/// Issues a PassTicket for the caller's user and the requested APPLID, to a caller that presents both a trusted
/// client certificate (a service acting for the user) and the user's valid token; with APPLIDs assigned to services
/// only for an APPLID of the certificate's own services (<see cref="ApplIdGrants"/>). Errors are Zowe messages; bad
/// input is a 4xx, never a 500.
/// </summary>
internal sealed class TicketService(AuthSettings settings, TokenAuthenticator tokens, PassTicketIssuer tickets, TlsMaterial tls, ApplIdGrants grants)
{
    public const int MaxBodyBytes = 4096;

    private static readonly string Url = AuthService.MessagePath + "ticket";

    public async Task<IResult> IssueAsync(HttpContext context)
    {
        var certificate = context.Connection.ClientCertificate;
        if (certificate is null || !tls.IsTrusted(certificate))
        {
            return MessageResults.Message(AuthMessages.Forbidden, "a trusted client certificate is required to generate a PassTicket");
        }

        var extracted = TokenExtraction.From(context.Request, settings.CookieName);
        if (extracted.Conflict)
        {
            return MessageResults.Message(AuthMessages.InvalidToken, Url);
        }

        if (extracted.Token is not { } token)
        {
            return MessageResults.Message(AuthMessages.TokenNotProvided, Url);
        }

        var authentication = await tokens.AuthenticateAsync(token);
        switch (authentication.Status)
        {
            case TokenStatus.Authenticated:
                break;
            case TokenStatus.Expired:
                return MessageResults.Message(AuthMessages.ExpiredToken, Url);
            case TokenStatus.NotReady:
                return MessageResults.Message(CommonMessages.ServiceUnavailable, CommonMessages.CannotJudgeTokens);
            default:
                return MessageResults.Message(AuthMessages.InvalidToken, Url);
        }

        var body = await RequestBodies.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null || !TryReadApplicationName(body, out var applicationName))
        {
            return MessageResults.Message(AuthMessages.InvalidInput, Url);
        }

        if (!string.IsNullOrWhiteSpace(applicationName) && !grants.Allows(certificate, applicationName))
        {
            return MessageResults.Message(AuthMessages.Forbidden, $"this certificate may not have PassTickets for APPLID '{applicationName}' (components.discovery.apiml.security.registration.applids)");
        }

        var userId = authentication.Claims!.UserId;
        var issued = tickets.Issue(userId, applicationName);
        return issued switch
        {
            { Ticket: { } ticket } => Results.Json(new TicketResponse(token, userId, applicationName!, ticket)),
            { Problem: PassTicketProblem.MissingApplication } => MessageResults.Message(SchemeMessages.MissingApplicationName),
            _ => MessageResults.Message(SchemeMessages.PassTicketFailed, issued.Reason),
        };
    }

    /// <summary>False for a body that is not a JSON object; a missing or non-string name reads as null.</summary>
    private static bool TryReadApplicationName(byte[] body, out string? applicationName)
    {
        applicationName = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (document.RootElement.TryGetProperty("applicationName", out var value) && value.ValueKind == JsonValueKind.String)
            {
                applicationName = value.GetString();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record TicketResponse(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("userId")] string UserId,
        [property: JsonPropertyName("applicationName")] string ApplicationName,
        [property: JsonPropertyName("ticket")] string Ticket);
}
