using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Discovery.Tests.Support;

namespace ApiMlCluster.Discovery.Tests;

/// <summary>Every cluster message and journal event survives the discovery serializer unchanged.</summary>
public sealed class DiscoverySerializerTests : IDisposable
{
    private static readonly InstanceInfo Instance = Instances.Of("alpha", metadata: [("apiml.routes.api-v1.gatewayUrl", "/api/v1"), ("zos.sysname", "LPR1")])
        with { Status = InstanceStatus.Starting, OverriddenStatus = InstanceStatus.OutOfService, LastDirtyTimestamp = 42 };

    private readonly ActorSystem system = ActorSystem.Create("serializer-test", ConfigurationFactory.ParseString(DiscoverySerializer.Hocon));

    public static TheoryData<object> Messages() =>
    [
        new Register("ALPHA", Instance),
        new Renew("ALPHA", Instance.InstanceId, 7),
        new Cancel("ALPHA", Instance.InstanceId),
        new OverrideStatus("ALPHA", Instance.InstanceId, InstanceStatus.Down),
        new RemoveStatusOverride("ALPHA", Instance.InstanceId),
        new UpdateMetadata("ALPHA", Instance.InstanceId, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("k", "v")])),
        new GetService("ALPHA"),
        new RegistryAck("ALPHA", new InstanceChanged("ALPHA", 3, Instance, null)),
        new RegistryAck("ALPHA", null),
        new InstanceNotFound("ALPHA", Instance.InstanceId),
        new InstanceStored(Instance),
        new InstanceRemoved(Instance.InstanceId, RemovalReason.Evicted),
        new ServiceSnapshot(9, [Instance]),
        new InstanceChanged("ALPHA", 4, null, Instance.InstanceId),
        new ServiceBeacon("ALPHA", 5),
        new ServiceChunk("ALPHA", 6, [Instance], Last: true),
        new SyncRequest("ALPHA"),
        new SyncPage("ALPHA", 3, "BETA", PeerReady: true),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void RoundTrip_EveryMessage_IsEqualAfterwards(object message)
    {
        var serializer = system.Serialization.FindSerializerFor(message);

        var copy = system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.IsType<DiscoverySerializer>(serializer);
        Assert.Equal(Normalize(message), Normalize(copy));
    }

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));

    // Records holding collections compare those by reference, so compare their JSON instead.
    private static string Normalize(object message) => System.Text.Json.JsonSerializer.Serialize(message, message.GetType());
}
