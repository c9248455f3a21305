using System.Collections.Immutable;
using ApiMlCluster.Discovery.Ownership;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>A command for the <see cref="ServiceEntity"/> of <see cref="App"/> (the upper-case service id).</summary>
internal interface IServiceCommand : IDiscoveryMessage
{
    string App { get; }
}

/// <summary>A command that changes the registry on behalf of <see cref="By"/>: null when a node sends it.</summary>
internal interface IOwnedCommand : IServiceCommand
{
    Registrant? By { get; }
}

/// <summary>Adds or replaces an instance. Answered with <see cref="RegistryAck"/> once journaled.</summary>
internal sealed record Register(string App, InstanceInfo Instance, Registrant? By = null) : IOwnedCommand;

/// <summary>A heartbeat. <see cref="LastDirtyTimestamp"/> newer than the registry's copy means the client changed and must register again.</summary>
internal sealed record Renew(string App, string InstanceId, long? LastDirtyTimestamp, Registrant? By = null) : IOwnedCommand;

internal sealed record Cancel(string App, string InstanceId, Registrant? By = null) : IOwnedCommand;

internal sealed record OverrideStatus(string App, string InstanceId, InstanceStatus Status, Registrant? By = null) : IOwnedCommand;

internal sealed record RemoveStatusOverride(string App, string InstanceId, Registrant? By = null) : IOwnedCommand;

internal sealed record UpdateMetadata(string App, string InstanceId, ImmutableSortedDictionary<string, string> Changes, Registrant? By = null) : IOwnedCommand;

/// <summary>Asks for the whole service; answered with <see cref="ReadModel.ServiceChunk"/> messages.</summary>
internal sealed record GetService(string App) : IServiceCommand;

/// <summary>The change is durable. <see cref="Change"/> is null for a heartbeat, which changes nothing that is replicated.</summary>
internal sealed record RegistryAck(string App, ReadModel.InstanceChanged? Change) : IDiscoveryMessage;

internal sealed record InstanceNotFound(string App, string InstanceId) : IDiscoveryMessage;

/// <summary>The entity refused the change: <see cref="Reason"/> says why, for the caller.</summary>
internal sealed record RegistryRefused(string App, RefusalKind Kind, string Reason) : IDiscoveryMessage;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RefusalKind>))]
internal enum RefusalKind
{
    /// <summary>The instance or service belongs to another certificate.</summary>
    NotOwner,

    /// <summary>A limit of the registry would be exceeded.</summary>
    Quota,

    /// <summary>The change itself is not valid (metadata beyond its limits once merged).</summary>
    Invalid,
}
