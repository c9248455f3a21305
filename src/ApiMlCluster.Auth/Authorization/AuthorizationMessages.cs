using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>Messages of the SAF check endpoint and the audit endpoint.</summary>
internal static class AuthorizationMessages
{
    public static readonly MessageTemplate Unauthorized = new(
        "ZWEAG711E", "org.zowe.apiml.security.unauthorized",
        "The principal '%s' is missing queried authorization.", 401,
        Action: "Grant the user the access to the resource in the security product.");

    public static readonly MessageTemplate BadRequest = new(
        "ZWEAO400E", "org.zowe.apiml.common.badRequest",
        "The request could not be understood by the server due to malformed syntax: %s", 400,
        Action: "Correct the request.");

    public static readonly MessageTemplate Forbidden = new(
        "ZWEAT403E", "org.zowe.apiml.security.forbidden",
        "The user is not authorized to the target resource: %s", 403,
        Action: "Ask the security administrator for access to the resource.");
}
