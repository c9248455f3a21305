using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// What Zowe's discovery service does to a registration before storing it: translate v1 metadata keys, apply
/// the configured service id prefix replacement.
/// </summary>
internal sealed class RegistrationPreparation(DiscoverySettings settings)
{
    public InstanceInfo Prepare(InstanceInfo instance)
    {
        if (settings.ServiceIdPrefixReplacer is var (oldPrefix, newPrefix)
            && instance.ServiceId.StartsWith(oldPrefix.ToLowerInvariant(), StringComparison.Ordinal))
        {
            var serviceId = newPrefix.ToLowerInvariant() + instance.ServiceId[oldPrefix.Length..];
            InstanceIds.TryParse(instance.InstanceId, out var host, out _, out var port, out _);
            instance = instance with
            {
                App = serviceId.ToUpperInvariant(),
                InstanceId = InstanceIds.Of(host, serviceId, port),
                VipAddress = instance.VipAddress is null ? null : serviceId,
                SecureVipAddress = instance.SecureVipAddress is null ? null : serviceId,
            };
        }

        return instance;
    }
}
