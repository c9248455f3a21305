using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Gateway.Edge;

/// <summary>Answers to requests the gateway refuses before routing them, with Zowe's numbers and texts.</summary>
internal static class EdgeMessages
{
    public static readonly MessageTemplate EncodedCharacter = new(
        "ZWEAG701E", "org.zowe.apiml.gateway.requestContainEncodedCharacter",
        "Service '%s' does not allow encoded characters in the request path: '%s'.", 400,
        Action: "Contact the system administrator and request enablement of encoded characters in the service.",
        Reason: "The request that was issued to the Gateway contains an encoded character in the URL path. The service that the request was addressing does not allow this pattern.");

    public static readonly MessageTemplate EncodedSlash = new(
        "ZWEAG702E", "org.zowe.apiml.gateway.requestContainEncodedSlash",
        "Gateway does not allow encoded slashes in request: '%s'.", 400,
        Action: "Contact the system administrator and request enablement of encoded slashes in the Gateway.",
        Reason: "The request that was issued to the Gateway contains an encoded slash in the URL path. Gateway configuration does not allow this encoding in the URL.");

    // Zowe v3 answers malformed requests with the key org.zowe.apiml.common.badRequest; its number follows the ZWEAO4xx family.
    public static readonly MessageTemplate BadRequest = new(
        "ZWEAO400E", "org.zowe.apiml.common.badRequest",
        "The request is not valid: %s", 400,
        Action: "Send the path without '.' or '..' segments, encoded or not.");

    public static readonly MessageTemplate CorsForbidden = new(
        "ZWEAT403E", "org.zowe.apiml.security.forbidden",
        "The user is not authorized to the target resource: %s", 403,
        Action: "Cross-origin requests to this service need CORS enabled for the gateway (apiml.service.corsEnabled) and the service (apiml.corsEnabled), with the origin in apiml.corsAllowedOrigins.");
}
