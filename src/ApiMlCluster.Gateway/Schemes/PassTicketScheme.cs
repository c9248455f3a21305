using System.Text;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// httpBasicPassTicket: <c>Authorization: Basic base64(user:passticket)</c> for the service's APPLID, plus the
/// custom user and ticket headers when both are configured. The ticket is generated locally from the APPLID's key.
/// </summary>
internal sealed class PassTicketScheme(GatewaySchemeSettings settings, CredentialCookies credentials, PassTicketIssuer tickets)
{
    public SouthboundCredentials Translate(SchemeCaller caller, string? applId)
    {
        var issued = tickets.Issue(caller.UserId, applId);
        if (issued.Ticket is not { } ticket)
        {
            return SouthboundCredentials.Failed(credentials, issued.Failure!);
        }

        var basic = KeyValuePair.Create("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{caller.UserId}:{ticket}")));
        return settings is { PassTicketCustomUserHeader: { } userHeader, PassTicketCustomAuthHeader: { } ticketHeader }
            ? SouthboundCredentials.Replaced(credentials, null, basic, KeyValuePair.Create(userHeader, caller.UserId), KeyValuePair.Create(ticketHeader, ticket))
            : SouthboundCredentials.Replaced(credentials, null, basic);
    }
}
