using System.Globalization;
using System.Text;
using System.Xml;
using ApiMlCluster.Discovery.Registry;
using N = ApiMlCluster.Discovery.Eureka.EurekaWireNames;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// Renders responses the way Eureka's server does for XML (the XStream <c>Converters</c>): the same element
/// names and order, ports as <c>&lt;port enabled="true"&gt;8080&lt;/port&gt;</c>, metadata as child elements
/// named by key. No XML declaration, like XStream.
/// </summary>
internal static class EurekaXmlWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        Indent = false,

        // A metadata value's CR would otherwise come back as LF: XML parsers normalise raw line breaks.
        NewLineHandling = NewLineHandling.Entitize,
    };

    public static byte[] Applications(EurekaApplications apps) => Render(writer =>
    {
        writer.WriteStartElement(N.Applications);
        writer.WriteElementString(N.VersionsDelta, apps.VersionsDelta.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString(N.AppsHashCode, Safe(apps.AppsHashCode));
        foreach (var app in apps.Applications)
        {
            // As in JSON: Eureka never lists an application without instances.
            if (app.Instances.Count > 0)
            {
                Application(writer, app.Name, app.Instances);
            }
        }

        writer.WriteEndElement();
    });

    public static byte[] Application(string name, IReadOnlyList<EurekaInstanceEntry> instances) =>
        Render(writer => Application(writer, name, instances));

    public static byte[] Instance(InstanceInfo instance, string actionType) => Render(writer => Instance(writer, instance, actionType));

    private static void Application(XmlWriter writer, string name, IReadOnlyList<EurekaInstanceEntry> instances)
    {
        writer.WriteStartElement(N.Application);
        writer.WriteElementString(N.Name, Safe(name));
        foreach (var entry in instances)
        {
            Instance(writer, entry.Instance, entry.ActionType);
        }

        writer.WriteEndElement();
    }

    /// <summary>Element order of <c>Converters.InstanceInfoConverter.marshal</c>; the trailing elements are its <c>@Auto</c> fields.</summary>
    private static void Instance(XmlWriter writer, InstanceInfo instance, string actionType)
    {
        writer.WriteStartElement(N.Instance);
        writer.WriteElementString(N.InstanceId, Safe(instance.InstanceId));
        writer.WriteElementString(N.HostName, Safe(instance.HostName));
        writer.WriteElementString(N.App, Safe(instance.App));
        writer.WriteElementString(N.IpAddr, Safe(instance.IpAddr));
        writer.WriteElementString(N.Status, instance.EffectiveStatus.ToEureka());

        // XStream has always written the lower-case name, in every Eureka version.
        writer.WriteElementString(N.OverriddenStatusLegacy, instance.OverriddenStatus.ToEureka());
        Port(writer, N.Port, instance.Port, instance.PortEnabled);
        Port(writer, N.SecurePort, instance.SecurePort, instance.SecurePortEnabled);
        writer.WriteElementString(N.CountryId, N.DefaultCountryId.ToString(CultureInfo.InvariantCulture));
        DataCenter(writer, instance.DataCenterName);
        Lease(writer, instance.Lease);
        Metadata(writer, instance);
        WriteIfSet(writer, N.HomePageUrl, instance.HomePageUrl);
        WriteIfSet(writer, N.StatusPageUrl, instance.StatusPageUrl);
        WriteIfSet(writer, N.HealthCheckUrl, instance.HealthCheckUrl);
        WriteIfSet(writer, N.SecureHealthCheckUrl, instance.SecureHealthCheckUrl);
        WriteIfSet(writer, N.VipAddress, instance.VipAddress);
        WriteIfSet(writer, N.SecureVipAddress, instance.SecureVipAddress);
        writer.WriteElementString(N.IsCoordinatingDiscoveryServer, "false");
        writer.WriteElementString(N.LastUpdatedTimestamp, instance.LastUpdatedTimestamp.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString(N.LastDirtyTimestamp, instance.LastDirtyTimestamp.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString(N.ActionType, Safe(actionType));
        writer.WriteEndElement();
    }

    private static void Port(XmlWriter writer, string name, int port, bool enabled)
    {
        writer.WriteStartElement(name);
        writer.WriteAttributeString(N.XmlPortEnabled, enabled ? "true" : "false");
        writer.WriteString(port.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndElement();
    }

    private static void DataCenter(XmlWriter writer, string name)
    {
        var amazon = name == "Amazon";
        writer.WriteStartElement(N.DataCenterInfo);
        writer.WriteAttributeString(N.XmlClass, amazon ? N.AmazonInfoClass : N.DefaultDataCenterInfoClass);
        writer.WriteElementString(N.Name, Safe(name));
        if (amazon)
        {
            // As in JSON: the shape AmazonInfo readers expect; the registry does not keep AWS metadata.
            writer.WriteStartElement(N.Metadata);
            writer.WriteAttributeString(N.XmlClass, N.EmptyMapClass);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void Lease(XmlWriter writer, LeaseInfo lease)
    {
        writer.WriteStartElement(N.LeaseInfo);
        writer.WriteElementString(N.RenewalIntervalInSecs, lease.RenewalIntervalInSecs.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString(N.DurationInSecs, lease.DurationInSecs.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString(N.RegistrationTimestamp, lease.RegistrationTimestamp.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString(N.LastRenewalTimestamp, lease.LastRenewalTimestamp.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString(N.EvictionTimestamp, lease.EvictionTimestamp.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString(N.ServiceUpTimestamp, lease.ServiceUpTimestamp.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndElement();
    }

    /// <summary>One element per key, the key coded as XStream codes names (<see cref="XStreamNames"/>).</summary>
    private static void Metadata(XmlWriter writer, InstanceInfo instance)
    {
        writer.WriteStartElement(N.Metadata);
        if (instance.Metadata.IsEmpty)
        {
            writer.WriteAttributeString(N.XmlClass, N.EmptyMapClass);
        }

        foreach (var (key, value) in instance.Metadata)
        {
            // An empty key has no element name at all; the readers refuse it, so only a hand-built model has one.
            if (key.Length > 0)
            {
                writer.WriteElementString(XStreamNames.Encode(key), Safe(value));
            }
        }

        writer.WriteEndElement();
    }

    private static void WriteIfSet(XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteElementString(name, Safe(value));
        }
    }

    /// <summary>
    /// The readers refuse characters XML cannot carry, but the model may come from elsewhere (static definitions);
    /// one bad value must not make the whole registry unreadable, so it is replaced rather than thrown on.
    /// </summary>
    private static string Safe(string text)
    {
        if (EurekaValues.FirstInvalidXmlChar(text) < 0)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                safe.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                safe.Append(c).Append(text[++i]);
            }
            else
            {
                safe.Append('\uFFFD');
            }
        }

        return safe.ToString();
    }

    private static byte[] Render(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
