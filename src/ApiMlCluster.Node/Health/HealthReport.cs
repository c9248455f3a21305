using System.Text.Json.Serialization;

namespace ApiMlCluster.Node.Health;

/// <summary>Spring Boot actuator's health shape, which Zowe's tooling and operators already read.</summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("components")] IReadOnlyDictionary<string, HealthComponent> Components);

public sealed record HealthComponent(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Details = null);

public static class HealthStatus
{
    public const string Up = "UP";
    public const string Down = "DOWN";
}
