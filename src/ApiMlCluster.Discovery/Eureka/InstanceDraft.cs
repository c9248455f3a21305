using System.Collections.Immutable;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// The client-owned fields of a registration as a reader collects them, in any order; <see cref="Build"/>
/// checks what is required. Registry-owned fields (lease timestamps, overridden status, last-updated time) have
/// no place here, so no body can set them.
/// </summary>
internal sealed class InstanceDraft
{
    private readonly ImmutableSortedDictionary<string, string>.Builder metadata =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal).ToBuilder();

    public string? InstanceId { get; set; }

    public string? App { get; set; }

    public string? HostName { get; set; }

    public string? IpAddr { get; set; }

    public string? VipAddress { get; set; }

    public string? SecureVipAddress { get; set; }

    public string? HomePageUrl { get; set; }

    public string? StatusPageUrl { get; set; }

    public string? HealthCheckUrl { get; set; }

    public string? SecureHealthCheckUrl { get; set; }

    public InstanceStatus Status { get; set; } = InstanceStatus.Up;

    public int Port { get; set; }

    public bool PortEnabled { get; set; }

    public int SecurePort { get; set; }

    public bool SecurePortEnabled { get; set; }

    public string DataCenterName { get; set; } = "MyOwn";

    public int RenewalIntervalInSecs { get; set; } = LeaseInfo.DefaultRenewalIntervalInSecs;

    public int DurationInSecs { get; set; } = LeaseInfo.DefaultDurationInSecs;

    public long LastDirtyTimestamp { get; set; }

    public void AddMetadata(string key, string value, string field)
    {
        if (key.Length == 0)
        {
            throw new EurekaFormatException(field, "has an empty key");
        }

        metadata[EurekaValues.Text(key, field)] = EurekaValues.Text(value, $"{field}.{key}");
    }

    public InstanceInfo Build() => new()
    {
        InstanceId = Required(InstanceId, EurekaWireNames.InstanceId),
        // Eureka keys applications by the upper-cased name whatever case the client sent (InstanceInfo.Builder.setAppName).
        App = Required(App, EurekaWireNames.App).ToUpperInvariant(),
        HostName = Required(HostName, EurekaWireNames.HostName),
        IpAddr = Optional(IpAddr, EurekaWireNames.IpAddr) ?? string.Empty,
        VipAddress = Optional(VipAddress, EurekaWireNames.VipAddress),
        SecureVipAddress = Optional(SecureVipAddress, EurekaWireNames.SecureVipAddress),
        HomePageUrl = Optional(HomePageUrl, EurekaWireNames.HomePageUrl),
        StatusPageUrl = Optional(StatusPageUrl, EurekaWireNames.StatusPageUrl),
        HealthCheckUrl = Optional(HealthCheckUrl, EurekaWireNames.HealthCheckUrl),
        SecureHealthCheckUrl = Optional(SecureHealthCheckUrl, EurekaWireNames.SecureHealthCheckUrl),
        Status = Status,
        Port = Port,
        PortEnabled = PortEnabled,
        SecurePort = SecurePort,
        SecurePortEnabled = SecurePortEnabled,
        DataCenterName = DataCenterName,
        Lease = new LeaseInfo { RenewalIntervalInSecs = RenewalIntervalInSecs, DurationInSecs = DurationInSecs },
        Metadata = metadata.ToImmutable(),
        LastDirtyTimestamp = LastDirtyTimestamp,
    };

    public static string Path(string name) => $"{EurekaWireNames.Instance}.{name}";

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new EurekaFormatException(Path(name), "is required")
            : EurekaValues.Text(value.Trim(), Path(name));

    private static string? Optional(string? value, string name) => value is null ? null : EurekaValues.Text(value, Path(name));
}
