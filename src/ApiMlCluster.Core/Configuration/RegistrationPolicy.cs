namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// Who may register what in discovery (<c>components.discovery.apiml.security.registration.*</c> and
/// <c>zowe.network.allowedDomains</c>). Every Eureka client holds a certificate the truststore trusts, so trust
/// alone cannot decide whose service a registration is; this does.
/// </summary>
public sealed record RegistrationPolicy
{
    /// <summary>
    /// <c>owners</c>: service id → certificates allowed to register it, each a subject DN (<c>CN=...,O=...</c>) or a
    /// DNS name of the certificate (a SAN or the CN). When empty, a service id belongs to the first certificate that
    /// registers it for as long as it has instances (the development default); when set, only listed services can be
    /// registered, and only by their certificates.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Owners { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary><c>externalUrl</c>: service ids whose registrations may set <c>apiml.service.externalUrl</c> (domain gateways).</summary>
    public IReadOnlySet<string> ExternalUrlServices { get; init; } = new HashSet<string>();

    /// <summary><c>applids</c>: service id → the APPLIDs its registrations may name in <c>apiml.authentication.applid</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> ApplIds { get; init; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>
    /// <c>zowe.network.allowedDomains</c>: hosts an instance and its URLs may name; <c>*.example.com</c> matches
    /// sub-domains only. Defaults to <c>zowe.externalDomains</c> and every haInstance's hostname.
    /// </summary>
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];

    public int MaxServices { get; init; } = 1000;

    public int MaxInstancesPerService { get; init; } = 100;

    /// <summary>Instances one certificate may hold across all services.</summary>
    public int MaxInstancesPerCertificate { get; init; } = 200;

    /// <summary>The longest lease (<c>leaseInfo.durationInSecs</c>) a registration may ask for; Eureka's default is 90.</summary>
    public int MaxLeaseSeconds { get; init; } = 300;
}
