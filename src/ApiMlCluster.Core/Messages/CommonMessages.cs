namespace ApiMlCluster.Core.Messages;

/// <summary>Messages every component answers with (Zowe's common-log-messages).</summary>
public static class CommonMessages
{
    /// <summary>The reason given with <see cref="ServiceUnavailable"/> when a node cannot tell a revoked token from a good one.</summary>
    public const string CannotJudgeTokens = "this node cannot judge tokens now: its revocation list is still loading, or it cannot reach a majority of the cluster";

    public static readonly MessageTemplate NotFound = new(
        "ZWEAO404E", "org.zowe.apiml.common.notFound",
        "The service can not find the requested resource.", 404);

    public static readonly MessageTemplate MethodNotAllowed = new(
        "ZWEAO405E", "org.zowe.apiml.common.methodNotAllowed",
        "The request method has been disabled and cannot be used for the requested resource.", 405);

    public static readonly MessageTemplate InternalServerError = new(
        "ZWEAO500E", "org.zowe.apiml.common.internalServerError",
        "The service has encountered a situation it doesn't know how to handle.", 500);

    /// <summary>Zowe's rate-limiter answer (org.zowe.apiml.gateway.connectionsLimitApproached), with the reason.</summary>
    public static readonly MessageTemplate TooManyRequests = new(
        "ZWESG429E", "org.zowe.apiml.gateway.connectionsLimitApproached",
        "Request was denied access: %s", 429,
        Action: "Wait before retrying your request.");

    public static readonly MessageTemplate ServiceUnavailable = new(
        "ZWEAO503E", "org.zowe.apiml.common.serviceUnavailable",
        "The server is not ready to handle the request: %s", 503);
}
