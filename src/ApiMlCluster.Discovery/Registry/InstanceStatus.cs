using System.Text.Json.Serialization;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>Eureka's instance states; <see cref="InstanceStatuses"/> maps them to and from their wire names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstanceStatus>))]
public enum InstanceStatus
{
    Up,
    Down,
    Starting,
    OutOfService,
    Unknown,
}

public static class InstanceStatuses
{
    public static string ToEureka(this InstanceStatus status) => status switch
    {
        InstanceStatus.Up => "UP",
        InstanceStatus.Down => "DOWN",
        InstanceStatus.Starting => "STARTING",
        InstanceStatus.OutOfService => "OUT_OF_SERVICE",
        _ => "UNKNOWN",
    };

    /// <summary>Parses a wire name case-insensitively; false for anything Eureka does not define.</summary>
    public static bool TryParse(string? text, out InstanceStatus status)
    {
        status = (text ?? string.Empty).ToUpperInvariant() switch
        {
            "UP" => InstanceStatus.Up,
            "DOWN" => InstanceStatus.Down,
            "STARTING" => InstanceStatus.Starting,
            "OUT_OF_SERVICE" => InstanceStatus.OutOfService,
            "UNKNOWN" => InstanceStatus.Unknown,
            _ => (InstanceStatus)(-1),
        };
        return Enum.IsDefined(status);
    }
}
