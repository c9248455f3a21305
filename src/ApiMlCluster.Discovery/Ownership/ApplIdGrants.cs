using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.ReadModel;

namespace ApiMlCluster.Discovery.Ownership;

/// <summary>
/// Which APPLIDs a service certificate may have PassTickets for (<c>/auth/ticket</c>). Once the operator lists
/// <c>registration.applids</c>, an APPLID belongs to the services it is listed for: a certificate gets it only if it
/// may act for one of them (listed in <c>registration.owners.&lt;service&gt;</c>, or, without owners for that
/// service, the certificate that registered its instances). Node keys get any. Without <c>applids</c> every
/// trusted certificate gets any APPLID, as in Zowe (the development default).
/// </summary>
public sealed class ApplIdGrants(DiscoverySettings settings, NodeKeys nodeKeys, RegistrySnapshot registry)
{
    public bool Allows(X509Certificate2 certificate, string applId)
    {
        var policy = settings.Registration;
        if (policy.ApplIds.Count == 0 || nodeKeys.Allows(certificate))
        {
            return true;
        }

        var subject = CertificateIdentity.SubjectOf(certificate);
        var wanted = applId.Trim().ToUpperInvariant();
        foreach (var (serviceId, applIds) in policy.ApplIds)
        {
            if (!applIds.Contains(wanted))
            {
                continue;
            }

            if (policy.Owners.TryGetValue(serviceId, out var owners))
            {
                if (owners.Any(owner => CertificateIdentity.Matches(certificate, owner)))
                {
                    return true;
                }
            }
            else if (registry.Current.Find(serviceId) is { } service
                && service.Instances.Values.Any(i => string.Equals(i.RegisteredBy, subject, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
