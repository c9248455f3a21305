using System.Text.Json.Serialization;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>Journaled when an instance is registered or changed (status override, metadata).</summary>
internal sealed record InstanceStored(InstanceInfo Instance) : IDiscoveryMessage;

/// <summary>Journaled when an instance is cancelled by its client or evicted for not renewing.</summary>
internal sealed record InstanceRemoved(string InstanceId, RemovalReason Reason) : IDiscoveryMessage;

[JsonConverter(typeof(JsonStringEnumConverter<RemovalReason>))]
internal enum RemovalReason
{
    Cancelled,
    Evicted,
}

/// <summary>A service entity's state; renewal times are not in it (see <see cref="ServiceEntity"/>).</summary>
internal sealed record ServiceSnapshot(long Version, InstanceInfo[] Instances) : IDiscoveryMessage;
