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

    public static readonly MessageTemplate NotOwner = new(
        "ZWEAD807E", "org.zowe.apiml.discovery.notOwner",
        "The certificate '%s' may not change application '%s': %s", 403,
        Action: "Register with the service's own certificate, or ask the operator to allow this one in components.discovery.apiml.security.registration.");

    public static readonly MessageTemplate QuotaReached = new(
        "ZWEAD808E", "org.zowe.apiml.discovery.quotaReached",
        "Application '%s' cannot be registered: %s", 403,
        Action: "Cancel instances that are no longer used, or ask the operator to raise the limit.");

    public static readonly MessageTemplate PathTaken = new(
        "ZWEAD809E", "org.zowe.apiml.discovery.pathTaken",
        "The apimlId '%s' of application '%s' is the path of service '%s'", 409,
        Action: "Choose an apimlId that no other service uses as its id or apimlId.");

    /// <summary>The answer to a registration Zowe 3.x refuses with the log message ZWEAM601W (which this node logs too).</summary>
    public static readonly MessageTemplate DomainNotAllowed = new(
        "ZWEAD810E", "org.zowe.apiml.discovery.domainNotAllowed",
        "'%s' %s is not allowed for instance '%s'", 400,
        Action: "Use a host in zowe.network.allowedDomains, or ask the operator to add it.");
}
