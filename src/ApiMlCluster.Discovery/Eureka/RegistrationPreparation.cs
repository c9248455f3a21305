using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Discovery.StaticDefinitions;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// What Zowe's discovery service does to a registration before storing it, in its order: the configured service
/// id prefix replacement, translation of v1 metadata keys, then the static definitions' additional metadata.
/// </summary>
internal sealed class RegistrationPreparation(DiscoverySettings settings, StaticApiService statics)
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

        instance = instance with { Metadata = V1MetadataTranslation.TranslateAtRegistration(instance.ServiceId, instance.Metadata) };
        return statics.Current.Apply(instance);
    }
}
