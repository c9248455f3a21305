using System.Text;
using System.Text.Json;

namespace ApiMlCluster.Caching.Api;

/// <summary>
/// The <c>{"key":"k","value":"v"}</c> body of the write calls. The value is a string; numbers and booleans are taken
/// as their text, as Jackson does for Zowe. Other fields (<c>serviceId</c>, <c>created</c>) are ignored: the
/// namespace comes from the caller's identity and the time from the node.
/// </summary>
internal sealed record KeyValueBody(string Key, byte[] Value)
{
    /// <summary>Keys are part of URLs and of every stored entry; 1024 UTF-8 bytes is generous for either.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>The body, or the reason it is not a valid payload (ZWECS130E's texts where Zowe has one).</summary>
    public static (KeyValueBody? Body, string? Key, string? Problem) Parse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return (null, null, $"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, "No KeyValue provided in the payload");
            }

            var key = Text(root, "key");
            if (key is null)
            {
                return (null, null, "No key provided in the payload");
            }

            if (key.Length == 0 || Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
            {
                return (null, key, $"The key must have 1 to {MaxKeyBytes} bytes");
            }

            var value = Text(root, "value");
            return value is null
                ? (null, key, "No value provided in the payload")
                : (new KeyValueBody(key, Encoding.UTF8.GetBytes(value)), key, null);
        }
    }

    public static bool IsValidKey(string key) => key.Length > 0 && Encoding.UTF8.GetByteCount(key) <= MaxKeyBytes;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var element)
            ? element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
                _ => null,
            }
            : null;
}
