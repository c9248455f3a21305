using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// Messages of the Eureka endpoints. Zowe's discovery service answers these cases with bare statuses; the
/// ZWEAD8xx numbers are this product's, in Zowe's discovery range and format, so a client or operator reads
/// what was wrong.
/// </summary>
internal static class EurekaMessages
{
    public static readonly MessageTemplate InvalidRegistration = new(
        "ZWEAD801E", "org.zowe.apiml.discovery.invalidRegistration",
        "The registration of application '%s' is not valid: %s", 400,
        Action: "Send a Eureka instance document with app, instanceId (host:serviceId:port) and hostName.");

    public static readonly MessageTemplate InvalidRequest = new(
        "ZWEAD802E", "org.zowe.apiml.discovery.invalidRequest",
        "The request to '%s' is not valid: %s", 400);

    public static readonly MessageTemplate UnknownInstance = new(
        "ZWEAD803E", "org.zowe.apiml.discovery.unknownInstance",
        "Instance '%s' of application '%s' is not registered", 404,
        Action: "Register the instance again.");

    public static readonly MessageTemplate UnknownApplication = new(
        "ZWEAD804E", "org.zowe.apiml.discovery.unknownApplication",
        "Application '%s' has no registered instance", 404);

    public static readonly MessageTemplate BodyTooLarge = new(
        "ZWEAD805E", "org.zowe.apiml.discovery.bodyTooLarge",
        "The request body is larger than %s bytes", 413);

    public static readonly MessageTemplate RegistryUnavailable = new(
        "ZWEAD806E", "org.zowe.apiml.discovery.registryUnavailable",
        "The registry could not record the change to application '%s' in time; retry", 503,
        Action: "Retry; the cluster is moving the application's registry to another node or cannot reach its store.");

    public static readonly MessageTemplate CertificateRequired = new(
        "ZWEAG167E", "org.zowe.apiml.gateway.security.schema.missingX509Authentication",
        "No client certificate provided in the request", 403,
        Action: "Call the discovery service with a client certificate that its truststore trusts.");

    public static readonly MessageTemplate CertificateNotTrusted = new(
        "ZWEAT403E", "org.zowe.apiml.security.forbidden",
        "The user is not authorized to the target resource: %s", 403,
        Action: "Provide a trusted client certificate.");
}
