using System.Collections.Immutable;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>A command for the <see cref="ServiceEntity"/> of <see cref="App"/> (the upper-case service id).</summary>
internal interface IServiceCommand : IDiscoveryMessage
{
    string App { get; }
}

/// <summary>Adds or replaces an instance. Answered with <see cref="RegistryAck"/> once journaled.</summary>
internal sealed record Register(string App, InstanceInfo Instance) : IServiceCommand;

/// <summary>A heartbeat. <see cref="LastDirtyTimestamp"/> newer than the registry's copy means the client changed and must register again.</summary>
internal sealed record Renew(string App, string InstanceId, long? LastDirtyTimestamp) : IServiceCommand;

internal sealed record Cancel(string App, string InstanceId) : IServiceCommand;

internal sealed record OverrideStatus(string App, string InstanceId, InstanceStatus Status) : IServiceCommand;

internal sealed record RemoveStatusOverride(string App, string InstanceId) : IServiceCommand;

internal sealed record UpdateMetadata(string App, string InstanceId, ImmutableSortedDictionary<string, string> Changes) : IServiceCommand;

/// <summary>Asks for the whole service; answered with <see cref="ReadModel.ServiceChunk"/> messages.</summary>
internal sealed record GetService(string App) : IServiceCommand;

/// <summary>The change is durable. <see cref="Change"/> is null for a heartbeat, which changes nothing that is replicated.</summary>
internal sealed record RegistryAck(string App, ReadModel.InstanceChanged? Change) : IDiscoveryMessage;

internal sealed record InstanceNotFound(string App, string InstanceId) : IDiscoveryMessage;
