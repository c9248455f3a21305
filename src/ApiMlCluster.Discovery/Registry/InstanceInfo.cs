using System.Collections.Immutable;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>
/// One registered instance, as a Eureka client describes it in its registration (the JSON or XML
/// <c>instance</c> object) plus what the registry adds (timestamps, overridden status). Immutable: every
/// change produces a new record, so read models can share instances between snapshots.
/// </summary>
public sealed record InstanceInfo
{
    /// <summary>Zowe's form is <c>host:serviceId:port</c>, static definitions add a <c>STATIC-</c> prefix; see <see cref="InstanceIds"/>.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The service id in upper case, as Eureka keys applications.</summary>
    public required string App { get; init; }

    public required string HostName { get; init; }

    public string IpAddr { get; init; } = string.Empty;

    public string? VipAddress { get; init; }

    public string? SecureVipAddress { get; init; }

    /// <summary>The status the client reported.</summary>
    public InstanceStatus Status { get; init; } = InstanceStatus.Up;

    /// <summary>An operator's override (<c>PUT .../status</c>); <see cref="InstanceStatus.Unknown"/> when none.</summary>
    public InstanceStatus OverriddenStatus { get; init; } = InstanceStatus.Unknown;

    public int Port { get; init; }

    public bool PortEnabled { get; init; }

    public int SecurePort { get; init; }

    public bool SecurePortEnabled { get; init; }

    public string? HomePageUrl { get; init; }

    public string? StatusPageUrl { get; init; }

    public string? HealthCheckUrl { get; init; }

    public string? SecureHealthCheckUrl { get; init; }

    /// <summary>Eureka's <c>dataCenterInfo.name</c>: <c>MyOwn</c> everywhere outside AWS.</summary>
    public string DataCenterName { get; init; } = "MyOwn";

    public LeaseInfo Lease { get; init; } = new();

    /// <summary>The flat string map clients send as <c>metadata</c>; Zowe's <c>apiml.*</c> keys live here.</summary>
    public ImmutableSortedDictionary<string, string> Metadata { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Epoch milliseconds of the registry's last change to this instance.</summary>
    public long LastUpdatedTimestamp { get; init; }

    /// <summary>Epoch milliseconds the client last changed its own description (it sends this with heartbeats).</summary>
    public long LastDirtyTimestamp { get; init; }

    /// <summary>
    /// The subject DN of the certificate that registered this instance, <c>(node)</c> when a node did, null for
    /// instances recorded before owners were. Kept out of Eureka documents; see <see cref="Ownership.InstanceOwnership"/>.
    /// </summary>
    public string? RegisteredBy { get; init; }

    /// <summary>The service id as routes and the gateway use it: lower case.</summary>
    public string ServiceId => App.ToLowerInvariant();

    /// <summary>The status clients see: an operator's override wins over what the instance reported.</summary>
    public InstanceStatus EffectiveStatus => OverriddenStatus == InstanceStatus.Unknown ? Status : OverriddenStatus;

    /// <summary>Registered from a static definition file rather than by a running client.</summary>
    public bool IsStatic => InstanceId.StartsWith(InstanceIds.StaticPrefix, StringComparison.Ordinal);
}
