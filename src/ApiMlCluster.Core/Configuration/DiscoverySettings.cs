namespace ApiMlCluster.Core.Configuration;

/// <summary>Zowe's <c>zowe.verifyCertificates</c>: how strictly services' and clients' certificates are checked.</summary>
public enum CertificateVerification
{
    /// <summary>Trusted by the truststore, and the host name matches.</summary>
    Strict,

    /// <summary>Trusted by the truststore; the host name is not checked.</summary>
    NonStrict,

    /// <summary>Not checked at all (development only).</summary>
    Disabled,
}

/// <summary>The discovery service's settings from zowe.yaml (<c>components.discovery.apiml.*</c> and <c>zowe.verifyCertificates</c>).</summary>
public sealed record DiscoverySettings
{
    /// <summary>
    /// Eureka calls need a client certificate the truststore trusts. Zowe turns this off only when
    /// <c>zowe.verifyCertificates</c> is DISABLED (development without certificates).
    /// </summary>
    public bool RequireClientCertificate { get; init; } = true;

    /// <summary>Directories of static definition YAML files (Zowe: <c>&lt;workspace&gt;/api-mediation/api-defs</c>).</summary>
    public IReadOnlyList<string> StaticDefinitionDirectories { get; init; } = [];

    /// <summary><c>apiml.discovery.serviceIdPrefixReplacer</c>: a registering service id that starts with the first part gets the second instead.</summary>
    public (string Old, string New)? ServiceIdPrefixReplacer { get; init; }

    public RegistrationPolicy Registration { get; init; } = new();
}
