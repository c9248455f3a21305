using System.Collections.Frozen;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Discovery.Ownership;

/// <summary>
/// Decides, before anything reaches the registry, whether a caller's certificate may change a service id at all.
/// Whether it may change a particular instance is the service entity's call (<see cref="InstanceOwnership"/>): only
/// the entity knows who registered what.
/// </summary>
internal sealed class RegistrationAccess(DiscoverySettings settings, NodeKeys nodeKeys)
{
    /// <summary>The API ML's own service ids: only its nodes register them.</summary>
    public static readonly FrozenSet<string> ReservedServiceIds =
        new[] { "gateway", "discovery", "cachingservice", "apicatalog", "zaas" }.ToFrozenSet(StringComparer.Ordinal);

    public AccessDecision Decide(X509Certificate2? certificate, string serviceId)
    {
        if (certificate is null)
        {
            // Only reachable when zowe.verifyCertificates is DISABLED: there is no identity to judge.
            return AccessDecision.AsNode;
        }

        if (nodeKeys.Allows(certificate))
        {
            return AccessDecision.AsNode;
        }

        var subject = CertificateIdentity.SubjectOf(certificate);
        var owners = settings.Registration.Owners;
        if (owners.TryGetValue(serviceId, out var identities) && identities.Any(i => CertificateIdentity.Matches(certificate, i)))
        {
            // Also for a reserved id: domain gateways of a multi-domain setup register as 'gateway' with their own certificates.
            return new AccessDecision(new Registrant(subject, Listed: true), null);
        }

        if (ReservedServiceIds.Contains(serviceId))
        {
            return AccessDecision.Refused(subject, $"'{serviceId}' is one of the API Mediation Layer's own services");
        }

        return owners.Count == 0
            ? new AccessDecision(new Registrant(subject, Listed: false), null)
            : AccessDecision.Refused(subject, $"{RegistrationPolicyKeys.Owners}.{serviceId} does not list this certificate");
    }
}

/// <summary>Either who the caller is (null <see cref="By"/>: a node) or why it may not act.</summary>
internal sealed record AccessDecision(Registrant? By, string? Refusal, string? Subject = null)
{
    public static readonly AccessDecision AsNode = new(null, null);

    public static AccessDecision Refused(string subject, string reason) => new(null, reason, subject);
}

/// <summary>Config key names that refusals quote, so the operator knows what to change.</summary>
internal static class RegistrationPolicyKeys
{
    public const string Registration = "components.discovery.apiml.security.registration";
    public const string Owners = Registration + ".owners";
    public const string ExternalUrl = Registration + ".externalUrl";
    public const string ApplIds = Registration + ".applids";
    public const string AllowedDomains = "zowe.network.allowedDomains";
}
