using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Auth.AccessTokens;

/// <summary>Zowe's PAT messages (numbers and keys as in Zowe), with the reason added where Zowe says only "not valid".</summary>
internal static class AccessTokenMessages
{
    public static readonly MessageTemplate InvalidBody = new(
        "ZWEAT605E", "org.zowe.apiml.security.query.invalidAccessTokenBody",
        "Personal Access Token body in the request is not valid: %s", 400,
        Action: "Use a valid body in the request: {\"validity\": <days, 1 to 90>, \"scopes\": [\"<serviceId>\", ...]}.");

    public static readonly MessageTemplate MissingScopes = new(
        "ZWEAT606E", "org.zowe.apiml.security.token.accessTokenBodyMissingScopes",
        "Body in the HTTP request for Personal Access Token does not contain scopes", 400,
        Action: "Provide a list of services for which this token will be valid.");

    public static readonly MessageTemplate InvalidRevokeBody = new(
        "ZWEAT607E", "org.zowe.apiml.security.query.invalidRevokeRequestBody",
        "Body in the revoke request is not valid: %s", 400,
        Action: "Use a valid body in the request: {\"token\": string}, {\"userId\": string, (optional) \"timestamp\": long} or {\"serviceId\": string, (optional) \"timestamp\": long}.");

    public static readonly MessageTemplate UnknownUser = new(
        "ZWEAO404E", "org.zowe.apiml.common.notFound",
        "The user '%s' is not known to the authentication provider; no revocation rule was recorded", 404,
        Action: "Check the user id.");
}
