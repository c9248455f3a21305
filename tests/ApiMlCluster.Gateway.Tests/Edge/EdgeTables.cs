using System.Collections.Immutable;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Gateway.Tests.Edge;

/// <summary>Route tables of registered services for edge tests: instances on localhost at the given secure port.</summary>
internal static class EdgeTables
{
    public static RouteTable Table(params InstanceInfo[] instances)
    {
        var snapshot = new RegistrySnapshot(new ManualClock());
        foreach (var service in instances.GroupBy(i => i.App))
        {
            snapshot.Replace(new RegisteredService(service.Key, 1, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, service.Select(i => KeyValuePair.Create(i.InstanceId, i)))));
        }

        return RouteTable.Build(snapshot.Current, RouteTable.DefaultIgnoredServices);
    }

    public static InstanceInfo Instance(string serviceId, int port, params (string GatewayUrl, string ServiceUrl)[] routes)
    {
        var metadata = routes
            .Select((r, i) => (r, i))
            .SelectMany(x => new[] { KeyValuePair.Create($"apiml.routes.r{x.i}.gatewayUrl", x.r.GatewayUrl), KeyValuePair.Create($"apiml.routes.r{x.i}.serviceUrl", x.r.ServiceUrl) });
        return new InstanceInfo
        {
            InstanceId = InstanceIds.Of("localhost", serviceId, port),
            App = serviceId.ToUpperInvariant(),
            HostName = "localhost",
            SecurePort = port,
            SecurePortEnabled = true,
            Metadata = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, metadata),
        };
    }
}
