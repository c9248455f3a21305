using ApiMlCluster.Core.Messages;

namespace ApiMlCluster.Caching.Api;

/// <summary>
/// Messages of the caching API: Zowe's caching-log-messages (ZWECS130E–136E, 702E) with their statuses, plus
/// ZWECS137E–139E, this product's numbers in the same range for cases Zowe leaves without a message.
/// </summary>
internal static class CachingMessages
{
    public static readonly MessageTemplate InvalidPayload = new(
        "ZWECS130E", "org.zowe.apiml.cache.invalidPayload",
        "Payload '%s' is not valid: '%s'.", 400,
        Action: "Provide a payload in JSON format.",
        Reason: "The payload is not in valid JSON format.");

    public static readonly MessageTemplate KeyNotInCache = new(
        "ZWECS131E", "org.zowe.apiml.cache.keyNotInCache",
        "Key '%s' is not in the cache for service '%s'", 404,
        Action: "Add a key-value pair to the cache using the key or operate on an existing key in the cache.",
        Reason: "Cache does not contain the provided key.");

    public static readonly MessageTemplate KeyCollision = new(
        "ZWECS133E", "org.zowe.apiml.cache.keyCollision",
        "Adding key '%s' resulted in a collision in the cache.", 409,
        Action: "Update or delete the key, or add a different key.",
        Reason: "Key is already in the cache.");

    public static readonly MessageTemplate InsufficientStorage = new(
        "ZWECS134E", "org.zowe.apiml.cache.insufficientStorage",
        "Insufficient storage space limit.", 507,
        Action: "Raise components.caching-service.storage.size, delete keys, or set storage.evictionStrategy to removeOldest.",
        Reason: "The storage space is full.");

    public static readonly MessageTemplate TooManyServiceIds = new(
        "ZWECS134E", "org.zowe.apiml.cache.insufficientStorage",
        "Insufficient storage space limit: this certificate already writes to %s X-CS-Service-ID namespaces.", 507,
        Action: "Reuse an existing X-CS-Service-ID, or raise components.caching-service.storage.maxServiceIdsPerCertificate.",
        Reason: "The certificate holds as many namespaces as it may.");

    public static readonly MessageTemplate PayloadTooLarge = new(
        "ZWECS137E", "org.zowe.apiml.cache.payloadTooLarge",
        "The value of key '%s' has %s bytes; the limit is %s bytes.", 400,
        Action: "Store a smaller value, or raise components.caching-service.storage.maxValueBytes.");

    public static readonly MessageTemplate BodyTooLarge = new(
        "ZWECS138E", "org.zowe.apiml.cache.bodyTooLarge",
        "The request body is larger than %s bytes.", 413,
        Action: "Store a smaller value.");

    public static readonly MessageTemplate NotAvailable = new(
        "ZWECS139E", "org.zowe.apiml.cache.notAvailable",
        "The cache could not complete the request in time; retry.", 503,
        Action: "Retry; the cluster is moving the cache's data to another node or cannot reach its database.");

    public static readonly MessageTemplate MissingCertificate = new(
        "ZWECS702E", "org.zowe.apiml.cache.missingCertificate",
        "Missing header with certificate.", 401,
        Action: "Call the caching service with a client certificate, or through the gateway.",
        Reason: "Call executed without valid client certificate.");

    public static readonly MessageTemplate CertificateNotTrusted = new(
        "ZWEAT403E", "org.zowe.apiml.security.forbidden",
        "The user is not authorized to the target resource: %s", 403,
        Action: "Provide a client certificate that the caching service's truststore trusts.");
}
