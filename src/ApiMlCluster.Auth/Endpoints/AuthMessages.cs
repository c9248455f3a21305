using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Auth.Endpoints;

/// <summary>Zowe's security messages (security-common-log-messages.yml), with the numbers and statuses clients key off.</summary>
internal static class AuthMessages
{
    public static readonly MessageTemplate InvalidMethod = new(
        "ZWEAG101E", "org.zowe.apiml.security.invalidMethod",
        "Authentication method '%s' is not supported for URL '%s'", 405,
        Action: "Use the correct HTTP request method supported by the URL.");

    public static readonly MessageTemplate ServiceUnavailable = new(
        "ZWEAG104E", "org.zowe.apiml.security.serviceUnavailable",
        "Authentication service is not available at URL '%s'. Error returned: '%s'", 503,
        Action: "Make sure that the authentication service is running and is accessible by the URL provided in the message.");

    public static readonly MessageTemplate InvalidCredentials = new(
        "ZWEAG120E", "org.zowe.apiml.security.login.invalidCredentials",
        "Invalid username or password for URL '%s'", 401,
        Action: "Provide a valid username and password.");

    public static readonly MessageTemplate InvalidInput = new(
        "ZWEAG121E", "org.zowe.apiml.security.login.invalidInput",
        "Authorization header is missing, or the request body is missing or invalid for URL '%s'", 400,
        Action: "Provide valid authentication.");

    public static readonly MessageTemplate InvalidTokenType = new(
        "ZWEAS123E", "org.zowe.apiml.security.login.invalidTokenType",
        "Invalid token type in response from Authentication service.", 401,
        Action: "Review your APIML authentication provider configuration and ensure your Authentication service is working.");

    public static readonly MessageTemplate InvalidToken = new(
        "ZWEAG130E", "org.zowe.apiml.security.query.invalidToken",
        "Token is not valid for URL '%s'", 401,
        Action: "Provide a valid token.");

    public static readonly MessageTemplate TokenNotProvided = new(
        "ZWEAG131E", "org.zowe.apiml.security.query.tokenNotProvided",
        "No authorization token provided for URL '%s'", 401,
        Action: "Provide a valid authorization token.");

    public static readonly MessageTemplate ExpiredToken = new(
        "ZWEAT100E", "org.zowe.apiml.security.expiredToken",
        "Token is expired for URL '%s'", 401,
        Action: "Obtain new token by performing an authentication request.");

    public static readonly MessageTemplate Forbidden = new(
        "ZWEAT403E", "org.zowe.apiml.security.forbidden",
        "The user is not authorized to the target resource: %s", 403,
        Action: "Provide a trusted client certificate.");
}
