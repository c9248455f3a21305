using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ApiMlCluster.Caching.Storage;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Caching.Api;

/// <summary>Response bodies in Zowe's shapes, written straight from the stored UTF-8 values.</summary>
internal static class CacheJson
{
    /// <summary><c>{"key":"k","value":"v","serviceId":"&lt;namespace&gt;","created":"&lt;epoch ms&gt;"}</c>.</summary>
    public static IResult Entry(CacheEntry entry, string @namespace) =>
        Write(writer => WriteEntry(writer, entry, @namespace));

    /// <summary><c>{"&lt;key&gt;":{entry}, ...}</c>.</summary>
    public static IResult Entries(IEnumerable<CacheEntry> entries, string @namespace) => Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var entry in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(entry.Key);
            WriteEntry(writer, entry, @namespace);
        }

        writer.WriteEndObject();
    });

    /// <summary><c>{"&lt;item&gt;":"&lt;value&gt;", ...}</c>.</summary>
    public static IResult Map(IEnumerable<MapItem> items) => Write(writer => WriteMap(writer, items));

    /// <summary><c>{"&lt;mapKey&gt;":{"&lt;item&gt;":"&lt;value&gt;"}, ...}</c>.</summary>
    public static IResult Maps(IEnumerable<MapItem> items) => Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var map in items.GroupBy(i => i.MapKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(map.Key);
            WriteMap(writer, map);
        }

        writer.WriteEndObject();
    });

    private static void WriteMap(Utf8JsonWriter writer, IEnumerable<MapItem> items)
    {
        writer.WriteStartObject();
        foreach (var item in items.OrderBy(i => i.ItemKey, StringComparer.Ordinal))
        {
            writer.WriteString(item.ItemKey, item.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, CacheEntry entry, string @namespace)
    {
        writer.WriteStartObject();
        writer.WriteString("key", entry.Key);
        writer.WriteString("value", entry.Value);
        writer.WriteString("serviceId", @namespace);
        writer.WriteString("created", entry.Created.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static IResult Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Results.Bytes(buffer.WrittenMemory, "application/json");
    }
}
