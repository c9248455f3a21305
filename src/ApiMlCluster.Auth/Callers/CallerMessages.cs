using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Auth.Callers;

internal static class CallerMessages
{
    public static readonly MessageTemplate Unauthorized = new(
        "ZWEAO402E", "org.zowe.apiml.common.unauthorized",
        "The request has not been applied because it lacks valid authentication credentials.", 401,
        Action: "Provide valid credentials: a token, a user name and password, or a trusted client certificate.");
}
