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

/// <summary>
/// A starting replica asks a peer replica for one page of its registry: the services after <see cref="After"/> (in
/// ordinal order of app names), as chunks, then <see cref="SyncPage"/>. One page at a time keeps a large registry
/// from filling the connection between the two nodes, which also carries the cluster's heartbeats.
/// </summary>
internal sealed record SyncRequest(string? After) : IDiscoveryMessage;

/// <summary>
/// The end of the page that answers the request for services after <see cref="After"/>: <see cref="Next"/> is the
/// cursor for the next request, null after the last page; <see cref="PeerReady"/> false when the peer has no registry
/// to give yet.
/// </summary>
internal sealed record SyncPage(string? After, int Services, string? Next, bool PeerReady) : IDiscoveryMessage;
