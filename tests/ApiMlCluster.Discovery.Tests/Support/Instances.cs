using System.Collections.Immutable;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Tests.Support;

internal static class Instances
{
    public static InstanceInfo Of(string serviceId, int port = 10012, string host = "localhost", int leaseSeconds = 90, bool isStatic = false, params (string Key, string Value)[] metadata) => new()
    {
        InstanceId = InstanceIds.Of(host, serviceId, port, isStatic),
        App = serviceId.ToUpperInvariant(),
        HostName = host,
        IpAddr = "127.0.0.1",
        VipAddress = serviceId,
        SecureVipAddress = serviceId,
        SecurePort = port,
        SecurePortEnabled = true,
        HomePageUrl = $"https://{host}:{port}/",
        Lease = new LeaseInfo { DurationInSecs = leaseSeconds },
        Metadata = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, metadata.Select(m => KeyValuePair.Create(m.Key, m.Value))),
    };
}
