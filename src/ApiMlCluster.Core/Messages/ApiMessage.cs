using System.Text.Json.Serialization;

namespace ApiMlCluster.Core.Messages;

/// <summary>One message of Zowe's error body <c>{"messages":[...]}</c>; empty fields are left out as Zowe does.</summary>
public sealed record ApiMessage(
    [property: JsonPropertyName("messageType")] string MessageType,
    [property: JsonPropertyName("messageNumber")] string MessageNumber,
    [property: JsonPropertyName("messageContent")] string MessageContent,
    [property: JsonPropertyName("messageKey")] string MessageKey,
    [property: JsonPropertyName("messageAction"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageAction = null,
    [property: JsonPropertyName("messageReason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageReason = null);

public sealed record ApiMessageView([property: JsonPropertyName("messages")] IReadOnlyList<ApiMessage> Messages);
