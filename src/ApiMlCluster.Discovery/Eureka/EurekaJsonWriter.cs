using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ApiMlCluster.Discovery.Registry;
using N = ApiMlCluster.Discovery.Eureka.EurekaWireNames;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// Renders responses the way Eureka's server does (<c>EurekaJacksonCodec</c>, which Spring Cloud's
/// <c>CloudJacksonJson</c> wraps): the same property names, order and value kinds, so the Java client's
/// streaming deserializer, Spring Cloud and eureka-js-client read them as they read Eureka's.
/// </summary>
internal static class EurekaJsonWriter
{
    // Jackson does not escape '<', '&', '+' or non-ASCII; matching it keeps URLs in metadata readable. The
    // responses are application/json, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Applications(EurekaApplications apps) => Render(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject(N.Applications);
        writer.WriteString(N.VersionsDelta, apps.VersionsDelta.ToString(CultureInfo.InvariantCulture));
        writer.WriteString(N.AppsHashCode, apps.AppsHashCode);
        writer.WriteStartArray(N.Application);
        foreach (var app in apps.Applications)
        {
            // Eureka never lists an application without instances; eureka-js-client would take the empty
            // instance array for one instance.
            if (app.Instances.Count > 0)
            {
                Application(writer, app.Name, app.Instances);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    public static byte[] Application(string name, IReadOnlyList<EurekaInstanceEntry> instances) => Render(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName(N.Application);
        Application(writer, name, instances);
        writer.WriteEndObject();
    });

    public static byte[] Instance(InstanceInfo instance, string actionType) => Render(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName(N.Instance);
        Instance(writer, instance, actionType);
        writer.WriteEndObject();
    });

    private static void Application(Utf8JsonWriter writer, string name, IReadOnlyList<EurekaInstanceEntry> instances)
    {
        writer.WriteStartObject();
        writer.WriteString(N.Name, name);
        writer.WriteStartArray(N.Instance);
        foreach (var entry in instances)
        {
            Instance(writer, entry.Instance, entry.ActionType);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Property order of <c>EurekaJacksonCodec.InstanceInfoSerializer</c>; the trailing strings are its <c>@Auto</c> fields.</summary>
    private static void Instance(Utf8JsonWriter writer, InstanceInfo instance, string actionType)
    {
        writer.WriteStartObject();
        writer.WriteString(N.InstanceId, instance.InstanceId);
        writer.WriteString(N.HostName, instance.HostName);
        writer.WriteString(N.App, instance.App);
        writer.WriteString(N.IpAddr, instance.IpAddr);
        writer.WriteString(N.Status, instance.EffectiveStatus.ToEureka());
        writer.WriteString(N.OverriddenStatus, instance.OverriddenStatus.ToEureka());
        Port(writer, N.Port, instance.Port, instance.PortEnabled);
        Port(writer, N.SecurePort, instance.SecurePort, instance.SecurePortEnabled);
        writer.WriteNumber(N.CountryId, N.DefaultCountryId);
        DataCenter(writer, instance.DataCenterName);
        Lease(writer, instance.Lease);
        Metadata(writer, instance);
        WriteIfSet(writer, N.HomePageUrl, instance.HomePageUrl);
        WriteIfSet(writer, N.StatusPageUrl, instance.StatusPageUrl);
        WriteIfSet(writer, N.HealthCheckUrl, instance.HealthCheckUrl);
        WriteIfSet(writer, N.SecureHealthCheckUrl, instance.SecureHealthCheckUrl);
        WriteIfSet(writer, N.VipAddress, instance.VipAddress);
        WriteIfSet(writer, N.SecureVipAddress, instance.SecureVipAddress);
        writer.WriteString(N.IsCoordinatingDiscoveryServer, "false");
        writer.WriteString(N.LastUpdatedTimestamp, instance.LastUpdatedTimestamp.ToString(CultureInfo.InvariantCulture));
        writer.WriteString(N.LastDirtyTimestamp, instance.LastDirtyTimestamp.ToString(CultureInfo.InvariantCulture));
        writer.WriteString(N.ActionType, actionType);
        writer.WriteEndObject();
    }

    private static void Port(Utf8JsonWriter writer, string name, int port, bool enabled)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber(N.JsonPortValue, port);
        writer.WriteString(N.JsonPortEnabled, enabled ? "true" : "false");
        writer.WriteEndObject();
    }

    private static void DataCenter(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject(N.DataCenterInfo);
        var amazon = name == "Amazon";
        writer.WriteString(N.JsonClass, amazon ? N.AmazonInfoClass : N.DefaultDataCenterInfoClass);
        writer.WriteString(N.Name, name);
        if (amazon)
        {
            // Java's AmazonInfo deserializer expects the metadata object; the registry does not keep AWS metadata.
            writer.WriteStartObject(N.Metadata);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void Lease(Utf8JsonWriter writer, LeaseInfo lease)
    {
        writer.WriteStartObject(N.LeaseInfo);
        writer.WriteNumber(N.RenewalIntervalInSecs, lease.RenewalIntervalInSecs);
        writer.WriteNumber(N.DurationInSecs, lease.DurationInSecs);
        writer.WriteNumber(N.RegistrationTimestamp, lease.RegistrationTimestamp);
        writer.WriteNumber(N.LastRenewalTimestamp, lease.LastRenewalTimestamp);
        writer.WriteNumber(N.EvictionTimestamp, lease.EvictionTimestamp);
        writer.WriteNumber(N.ServiceUpTimestamp, lease.ServiceUpTimestamp);
        writer.WriteEndObject();
    }

    private static void Metadata(Utf8JsonWriter writer, InstanceInfo instance)
    {
        writer.WriteStartObject(N.Metadata);
        if (instance.Metadata.IsEmpty)
        {
            // Eureka's marker for an empty map; its clients drop it again on reading.
            writer.WriteString(N.JsonClass, N.EmptyMapClass);
        }

        foreach (var (key, value) in instance.Metadata)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static byte[] Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
