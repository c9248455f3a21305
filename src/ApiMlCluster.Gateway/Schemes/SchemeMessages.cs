using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// Why a caller's credentials could not be translated for a service. Sent to the service (and back to the client)
/// in log form in <c>X-Zowe-Auth-Failure</c>; the ticket endpoint answers with some of them as bodies.
/// </summary>
internal static class SchemeMessages
{
    public static readonly MessageTemplate InvalidToken = new(
        "ZWEAG102E", "org.zowe.apiml.zaas.security.invalidToken",
        "Token is not valid", 401,
        Action: "Provide a valid token.");

    public static readonly MessageTemplate ExpiredToken = new(
        "ZWEAG103E", "org.zowe.apiml.zaas.security.expiredToken",
        "The token has expired", 401,
        Action: "Obtain a new token by performing an authentication request.");

    public static readonly MessageTemplate MissingApplicationName = new(
        "ZWEAG140E", "org.zowe.apiml.security.ticket.invalidApplicationName",
        "The 'applicationName' parameter name is missing.", 400,
        Action: "Provide the 'applicationName' parameter (for a service: apiml.authentication.applid in its metadata).");

    public static readonly MessageTemplate PassTicketFailed = new(
        "ZWEAG141E", "org.zowe.apiml.security.ticket.generateFailed",
        "The generation of the PassTicket failed. Reason: %s", 400,
        Action: "Configure a PassTicket key for the APPLID (components.gateway.apiml.security.passTicket.keys) and use a valid RACF user ID.");

    public static readonly MessageTemplate SafIdtFailed = new(
        "ZWEAG150E", "org.zowe.apiml.security.idt.failed",
        "SAF IDT generation failed. Reason: %s", 500,
        Action: "Check components.gateway.apiml.security.saf.urls.authenticate and that the SAF IDT provider is running.");

    public static readonly MessageTemplate MissingAuthentication = new(
        "ZWEAG160E", "org.zowe.apiml.zaas.security.schema.missingAuthentication",
        "No authentication provided in the request", 401,
        Action: "Provide a token (cookie or Bearer) or a client certificate mapped to a user.");

    public static readonly MessageTemplate MissingCertificate = new(
        "ZWEAG167E", "org.zowe.apiml.gateway.security.schema.missingX509Authentication",
        "No client certificate provided in the request", 401,
        Action: "Call the gateway with a client certificate that its truststore trusts.");

    public static readonly MessageTemplate NoZosmfToken = new(
        "ZWEAZ601W", "org.zowe.apiml.zaas.zosmf.noZosmfTokenReceived",
        "No z/OSMF token is available for the request. Reason: %s", 503,
        Action: "Log in through the gateway with the zosmf authentication provider.");
}
