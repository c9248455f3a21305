namespace ApiMlCluster.Core.Configuration;

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
}
