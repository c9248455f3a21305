using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Gateway;

/// <summary>The gateway's routing errors, with Zowe's numbers (v3 gateway and the v2 ones the issue names).</summary>
internal static class GatewayMessages
{
    public static readonly MessageTemplate UnknownInstance = new(
        "ZWEAG510E", "org.zowe.apiml.gateway.responseStatusError",
        "Request to the resource ended with unexpected status code.", 404,
        Action: "The instance named by X-InstanceId is not an UP instance of the service.");

    public static readonly MessageTemplate Timeout = new(
        "ZWEAM700E", "org.zowe.apiml.common.serviceTimeout",
        "No response received within the allowed time: %s", 504,
        Action: "Verify that the URL of the endpoint you are trying to reach is correct and the service is responding in time.");

    public static readonly MessageTemplate TlsError = new(
        "ZWEAM511E", "org.zowe.apiml.common.tlsError",
        "There was a TLS request error accessing the URL '%s': '%s'", 502,
        Action: "Make sure that the service's certificate is signed by a certificate authority in the gateway's truststore.");
}
