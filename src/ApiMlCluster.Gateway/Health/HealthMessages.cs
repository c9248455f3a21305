namespace ApiMlCluster.Gateway.Health;

/// <summary>
/// An instance refused a connection at some node: avoid it for <paramref name="ProbationMs"/>, counted from when the
/// mark arrives (a duration, not a time, so clocks of different hosts need not agree).
/// </summary>
internal sealed record InstanceMarkedDown(string InstanceId, long RegistrationStamp, long ProbationMs) : IGatewayMessage;

/// <summary>A trial request reached the instance again: every node may use it.</summary>
internal sealed record InstanceCleared(string InstanceId, long RegistrationStamp) : IGatewayMessage;

/// <summary>Local only: the node's <see cref="InstanceHealth"/> asks its replica to tell every other member.</summary>
internal sealed record BroadcastHealth(IGatewayMessage Change);
