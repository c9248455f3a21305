namespace ApiMlCluster.Discovery.Registry;

/// <summary>
/// An instance's lease as Eureka reports it. The client sets the two intervals; the registry sets the
/// timestamps (epoch milliseconds, 0 when not applicable).
/// </summary>
public sealed record LeaseInfo
{
    public const int DefaultRenewalIntervalInSecs = 30;
    public const int DefaultDurationInSecs = 90;

    public int RenewalIntervalInSecs { get; init; } = DefaultRenewalIntervalInSecs;

    public int DurationInSecs { get; init; } = DefaultDurationInSecs;

    public long RegistrationTimestamp { get; init; }

    public long LastRenewalTimestamp { get; init; }

    public long EvictionTimestamp { get; init; }

    public long ServiceUpTimestamp { get; init; }
}
