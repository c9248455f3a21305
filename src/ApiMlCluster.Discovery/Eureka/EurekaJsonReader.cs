using System.Text.Json;
using System.Text.Unicode;
using ApiMlCluster.Discovery.Registry;
using N = ApiMlCluster.Discovery.Eureka.EurekaWireNames;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// Reads a JSON registration, <c>{"instance":{...}}</c>, as the Java client (Jackson), Spring Cloud Netflix,
/// eureka-js-client and Steeltoe send it. Where those clients differ (numbers as strings, <c>@enabled</c> as a
/// string or a boolean, a bare port number) any of their forms is accepted; a value of the wrong kind is refused.
/// Unknown properties are ignored, as Eureka's own deserializer does.
/// </summary>
internal static class EurekaJsonReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    public static InstanceInfo ReadInstance(ReadOnlySpan<byte> body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EurekaFormatException("body", $"must be a JSON object {{\"instance\":{{...}}}}, not {Kind(root)}");
        }

        if (!root.TryGetProperty(N.Instance, out var instance) || instance.ValueKind == JsonValueKind.Null)
        {
            throw new EurekaFormatException(N.Instance, "is required: the body must be {\"instance\":{...}}");
        }

        if (instance.ValueKind != JsonValueKind.Object)
        {
            throw new EurekaFormatException(N.Instance, $"must be an object, not {Kind(instance)}");
        }

        var draft = new InstanceDraft();
        foreach (var property in instance.EnumerateObject())
        {
            Apply(draft, Name(property, N.Instance), property.Value);
        }

        return draft.Build();
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> body)
    {
        // Some clients prefix UTF-8 with a byte order mark; the span reader would call it invalid JSON.
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        // The reader checks structure, not the bytes inside strings; a bad sequence would surface later as an
        // InvalidOperationException from whichever string happened to hold it.
        if (!Utf8.IsValid(body))
        {
            throw new EurekaFormatException("body", "is not valid UTF-8");
        }

        var reader = new Utf8JsonReader(body, Options);
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.ParseValue(ref reader);

            // Reading past the value throws on anything but trailing whitespace.
            return reader.Read() ? throw new JsonException("there is content after the instance object") : document;
        }
        catch (JsonException e)
        {
            document?.Dispose();
            throw new EurekaFormatException("body", $"is not valid JSON ({e.Message})", e);
        }
    }

    private static void Apply(InstanceDraft draft, string name, JsonElement value)
    {
        var path = InstanceDraft.Path(name);
        switch (name)
        {
            case N.InstanceId: draft.InstanceId = Text(value, path); break;
            case N.App: draft.App = Text(value, path); break;
            case N.HostName: draft.HostName = Text(value, path); break;
            case N.IpAddr: draft.IpAddr = Text(value, path); break;
            case N.VipAddress: draft.VipAddress = Text(value, path); break;
            case N.SecureVipAddress: draft.SecureVipAddress = Text(value, path); break;
            case N.HomePageUrl: draft.HomePageUrl = Text(value, path); break;
            case N.StatusPageUrl: draft.StatusPageUrl = Text(value, path); break;
            case N.HealthCheckUrl: draft.HealthCheckUrl = Text(value, path); break;
            case N.SecureHealthCheckUrl: draft.SecureHealthCheckUrl = Text(value, path); break;
            case N.Status:
                if (Text(value, path) is { } status)
                {
                    draft.Status = EurekaValues.Status(status, path);
                }

                break;
            case N.Port:
                if (ReadPort(value, path, enabledByDefault: true) is { } port)
                {
                    (draft.Port, draft.PortEnabled) = port;
                }

                break;
            case N.SecurePort:
                if (ReadPort(value, path, enabledByDefault: false) is { } securePort)
                {
                    (draft.SecurePort, draft.SecurePortEnabled) = securePort;
                }

                break;
            case N.DataCenterInfo: ReadDataCenter(draft, value, path); break;
            case N.LeaseInfo: ReadLease(draft, value, path); break;
            case N.Metadata: ReadMetadata(draft, value, path); break;
            case N.LastDirtyTimestamp:
                if (Text(value, path) is { } dirty)
                {
                    draft.LastDirtyTimestamp = EurekaValues.Timestamp(dirty, path);
                }

                break;

            // overriddenStatus, lastUpdatedTimestamp, actionType, countryId, sid, ... belong to the registry or are
            // obsolete; like every unknown property they are ignored.
        }
    }

    /// <summary>
    /// <c>{"$":8080,"@enabled":"true"}</c> with <c>$</c> a number or a string and <c>@enabled</c> a string or a
    /// boolean, or a bare number or string. A missing <c>@enabled</c> takes Eureka's builder default: the plain
    /// port enabled, the secure port not.
    /// </summary>
    private static (int Port, bool Enabled)? ReadPort(JsonElement value, string path, bool enabledByDefault)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return (EurekaValues.Port(Scalar(value, path), path), enabledByDefault);
        }

        var numberPath = $"{path}.{N.JsonPortValue}";
        if (!value.TryGetProperty(N.JsonPortValue, out var number) || Text(number, numberPath) is not { } portText)
        {
            throw new EurekaFormatException(numberPath, "is required");
        }

        var enabledPath = $"{path}.{N.JsonPortEnabled}";
        var enabled = value.TryGetProperty(N.JsonPortEnabled, out var flag) && Text(flag, enabledPath) is { } flagText
            ? EurekaValues.Bool(flagText, enabledPath)
            : enabledByDefault;
        return (EurekaValues.Port(portText, numberPath), enabled);
    }

    private static void ReadDataCenter(InstanceDraft draft, JsonElement value, string path)
    {
        if (Object(value, path) is not { } dataCenter)
        {
            return;
        }

        var namePath = $"{path}.{N.Name}";
        if (dataCenter.TryGetProperty(N.Name, out var name) && Text(name, namePath) is { } text)
        {
            draft.DataCenterName = EurekaValues.DataCenterName(text, namePath);
        }
    }

    /// <summary>Only the client's two intervals; the timestamps in a registration are the client's echo of ours.</summary>
    private static void ReadLease(InstanceDraft draft, JsonElement value, string path)
    {
        if (Object(value, path) is not { } lease)
        {
            return;
        }

        var renewalPath = $"{path}.{N.RenewalIntervalInSecs}";
        if (lease.TryGetProperty(N.RenewalIntervalInSecs, out var renewal) && Text(renewal, renewalPath) is { } renewalText)
        {
            draft.RenewalIntervalInSecs = EurekaValues.Seconds(renewalText, renewalPath, LeaseInfo.DefaultRenewalIntervalInSecs);
        }

        var durationPath = $"{path}.{N.DurationInSecs}";
        if (lease.TryGetProperty(N.DurationInSecs, out var duration) && Text(duration, durationPath) is { } durationText)
        {
            draft.DurationInSecs = EurekaValues.Seconds(durationText, durationPath, LeaseInfo.DefaultDurationInSecs);
        }
    }

    /// <summary>
    /// A flat map. Values that are not strings are kept as their JSON text (Jackson's <c>asText</c> does the same
    /// for scalars); nulls are dropped. The Java client's <c>"@class"</c> marker is not metadata.
    /// </summary>
    private static void ReadMetadata(InstanceDraft draft, JsonElement value, string path)
    {
        if (Object(value, path) is not { } metadata)
        {
            return;
        }

        foreach (var entry in metadata.EnumerateObject())
        {
            var key = Name(entry, path);
            if (key == N.JsonClass || entry.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var text = entry.Value.ValueKind == JsonValueKind.String ? String(entry.Value, $"{path}.{key}") : entry.Value.GetRawText();
            draft.AddMetadata(key, text, path);
        }
    }

    private static JsonElement? Object(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Object => value,
        _ => throw new EurekaFormatException(path, $"must be an object, not {Kind(value)}"),
    };

    /// <summary>A scalar as text; null for JSON null. Objects and arrays are refused.</summary>
    private static string? Text(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Null ? null : Scalar(value, path);

    private static string Scalar(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => String(value, path),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new EurekaFormatException(path, $"must be a string or a number, not {Kind(value)}"),
    };

    /// <summary>
    /// A JSON string. An escaped lone surrogate (<c>"\ud800"</c>) is valid JSON syntax but no text; the parser
    /// reports it only when the string is read.
    /// </summary>
    private static string String(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new EurekaFormatException(path, "is not valid text (an escaped lone surrogate)", e);
        }
    }

    private static string Name(JsonProperty property, string path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new EurekaFormatException(path, "has a property name that is not valid text (an escaped lone surrogate)", e);
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };
}
