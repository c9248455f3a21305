namespace ApiMlCluster.Discovery.ReadModel;

/// <summary>
/// One instance changed: <see cref="Upserted"/> is its new state, or <see cref="RemovedId"/> names the instance
/// that left. <see cref="Version"/> is the service's version after the change; each change adds exactly one,
/// so a replica that holds <c>Version - 1</c> can apply it and any other replica knows it missed something.
/// </summary>
internal sealed record InstanceChanged(string App, long Version, Registry.InstanceInfo? Upserted, string? RemovedId) : IDiscoveryMessage;

/// <summary>Sent by every live service entity now and then, so a replica that missed a change notices and re-reads the service.</summary>
internal sealed record ServiceBeacon(string App, long Version) : IDiscoveryMessage;

/// <summary>
/// Part of a service's whole state at <see cref="Version"/>. Services are sent in chunks that stay well under
/// the remoting frame size; the receiver replaces its copy when it has the chunk marked <see cref="Last"/>.
/// </summary>
internal sealed record ServiceChunk(string App, long Version, Registry.InstanceInfo[] Instances, bool Last) : IDiscoveryMessage;

/// <summary>A starting replica asks a peer replica for everything it holds; the peer answers with chunks, then <see cref="SyncDone"/>.</summary>
internal sealed record SyncRequest : IDiscoveryMessage;

internal sealed record SyncDone(int Services) : IDiscoveryMessage;
