using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiMlCluster.Core.Configuration;

/// <summary>Reads <see cref="RegistrationPolicy"/>; a DN that does not parse stops the node at start naming its key.</summary>
internal static class RegistrationPolicyConfig
{
    public const string Key = "components.discovery.apiml.security.registration";

    public static RegistrationPolicy Read(ConfigReader reader)
    {
        var owners = reader.ListMap($"{Key}.owners");
        foreach (var (serviceId, identities) in owners)
        {
            foreach (var identity in identities.Where(i => i.Contains('=', StringComparison.Ordinal)))
            {
                try
                {
                    _ = new X500DistinguishedName(identity);
                }
                catch (CryptographicException)
                {
                    throw new ConfigException($"{reader.KeyName($"{Key}.owners")}.{serviceId}", $"'{identity}' is not a distinguished name");
                }
            }
        }

        return new RegistrationPolicy
        {
            Owners = owners.ToDictionary(e => e.Key.ToLowerInvariant(), e => e.Value, StringComparer.Ordinal),
            ExternalUrlServices = reader.List($"{Key}.externalUrl").Select(s => s.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
            ApplIds = reader.ListMap($"{Key}.applids").ToDictionary(
                e => e.Key.ToLowerInvariant(),
                e => (IReadOnlySet<string>)e.Value.Select(a => a.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal),
            AllowedDomains = reader.List("zowe.network.allowedDomains"),
            MaxServices = reader.Integer($"{Key}.maxServices", 1000, 1, 1_000_000),
            MaxInstancesPerService = reader.Integer($"{Key}.maxInstancesPerService", 100, 1, 100_000),
            MaxInstancesPerCertificate = reader.Integer($"{Key}.maxInstancesPerCertificate", 200, 1, 1_000_000),
            MaxLeaseSeconds = reader.Integer($"{Key}.maxLeaseSeconds", 300, 1, 86_400),
        };
    }

    /// <summary>Zowe's default for <c>zowe.network.allowedDomains</c>: the external domains and every haInstance's hostname.</summary>
    public static RegistrationPolicy WithDefaultDomains(RegistrationPolicy policy, IEnumerable<string> externalDomains, IEnumerable<string> hostnames) =>
        policy.AllowedDomains.Count > 0 ? policy : policy with { AllowedDomains = externalDomains.Concat(hostnames).Distinct(StringComparer.OrdinalIgnoreCase).ToList() };
}
