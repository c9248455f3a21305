namespace ApiMlCluster.Gateway.Health;

/// <summary>
/// Why an instance gets no traffic until <see cref="Until"/> (UTC ticks of this node's clock). The mark is
/// for one registration of the instance: a re-registered instance starts clean. <see cref="Trial"/>: this node
/// sent the one request of the half-open state and waits for its outcome.
/// </summary>
internal sealed record HealthMark(long RegistrationStamp, long Until, bool Trial);

internal enum InstanceState
{
    Healthy,
    Down,

    /// <summary>The probation has passed: one trial request may go.</summary>
    TrialDue,
}
