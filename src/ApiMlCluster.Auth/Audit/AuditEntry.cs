using System.Text.Json.Serialization;

namespace ApiMlCluster.Auth.Audit;

/// <summary>One record as <c>GET /gateway/api/v1/audit</c> answers it: the record, the node that wrote it, and its position.</summary>
internal sealed record AuditEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("userId")] string? UserId,
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("sourceAddress")] string? SourceAddress,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("validityDays")] int? ValidityDays,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary>A page; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record AuditPage(
    [property: JsonPropertyName("order")] string Order,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("records")] IReadOnlyList<AuditEntry> Records,
    [property: JsonPropertyName("nextCursor")] string? NextCursor);
