using System.Collections.Immutable;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Gateway.Routing;

namespace ApiMlCluster.Gateway.Tests.Support;

/// <summary>Routable services with instances <c>localhost:{serviceId}:{port}</c>, for choosing among them.</summary>
internal static class TestServices
{
    public static ServiceRoutes Of(string serviceId, int[] ports, long registeredAt = 1, params (string Key, string Value)[] metadata)
    {
        var instances = ports.Select(port => new InstanceInfo
        {
            InstanceId = InstanceIds.Of("localhost", serviceId, port),
            App = serviceId.ToUpperInvariant(),
            HostName = "localhost",
            SecurePort = port,
            SecurePortEnabled = true,
            Lease = new LeaseInfo { RegistrationTimestamp = registeredAt },
            Metadata = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, metadata
                .Append(("apiml.routes.api-v1.gatewayUrl", "api/v1"))
                .Append(("apiml.routes.api-v1.serviceUrl", "/"))
                .Select(m => KeyValuePair.Create(m.Item1, m.Item2))),
        });
        return ServiceRoutes.Of(new RegisteredService(serviceId.ToUpperInvariant(), 1, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, instances.Select(i => KeyValuePair.Create(i.InstanceId, i)))));
    }

    public static string Id(string serviceId, int port) => InstanceIds.Of("localhost", serviceId, port);
}
