using System.Xml;
using System.Xml.Linq;
using ApiMlCluster.Discovery.Registry;
using N = ApiMlCluster.Discovery.Eureka.EurekaWireNames;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// Reads an XML registration, <c>&lt;instance&gt;...&lt;/instance&gt;</c>, as the Java client's XStream codec
/// writes it: <c>&lt;port enabled="true"&gt;8080&lt;/port&gt;</c>, <c>&lt;dataCenterInfo class="..."&gt;&lt;name&gt;MyOwn&lt;/name&gt;</c>,
/// metadata as child elements named by key. The parser refuses DTDs (no entity expansion, no external
/// resources) and documents above <see cref="MaxCharacters"/>.
/// </summary>
internal static class EurekaXmlReader
{
    /// <summary>Generous for Zowe's metadata (API docs, code snippets) yet a hard stop for abuse.</summary>
    public const long MaxCharacters = 4L * 1024 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,

        // Whitespace between elements is skipped by walking elements; keeping it preserves values that are blank.
        IgnoreWhitespace = false,
    };

    public static InstanceInfo ReadInstance(ReadOnlySpan<byte> body)
    {
        var root = Parse(body);
        if (root.Name.LocalName != N.Instance)
        {
            throw new EurekaFormatException(N.Instance, $"is required: the document's root element must be <instance>, not <{root.Name.LocalName}>");
        }

        var draft = new InstanceDraft();
        foreach (var element in root.Elements())
        {
            Apply(draft, element);
        }

        return draft.Build();
    }

    private static XElement Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            return XDocument.Load(reader).Root ?? throw new EurekaFormatException("body", "is not valid XML: it has no root element");
        }
        catch (XmlException e)
        {
            throw new EurekaFormatException("body", $"is not valid XML ({e.Message})", e);
        }
    }

    private static void Apply(InstanceDraft draft, XElement element)
    {
        var name = element.Name.LocalName;
        var path = InstanceDraft.Path(name);
        switch (name)
        {
            case N.InstanceId: draft.InstanceId = Text(element, path); break;
            case N.App: draft.App = Text(element, path); break;
            case N.HostName: draft.HostName = Text(element, path); break;
            case N.IpAddr: draft.IpAddr = Text(element, path); break;
            case N.VipAddress: draft.VipAddress = Text(element, path); break;
            case N.SecureVipAddress: draft.SecureVipAddress = Text(element, path); break;
            case N.HomePageUrl: draft.HomePageUrl = Text(element, path); break;
            case N.StatusPageUrl: draft.StatusPageUrl = Text(element, path); break;
            case N.HealthCheckUrl: draft.HealthCheckUrl = Text(element, path); break;
            case N.SecureHealthCheckUrl: draft.SecureHealthCheckUrl = Text(element, path); break;
            case N.Status: draft.Status = EurekaValues.Status(Text(element, path), path); break;

            // XStream's defaults when the attribute is absent: the plain port enabled, the secure port not.
            case N.Port:
                draft.Port = EurekaValues.Port(Text(element, path), path);
                draft.PortEnabled = Enabled(element, path) ?? true;
                break;
            case N.SecurePort:
                draft.SecurePort = EurekaValues.Port(Text(element, path), path);
                draft.SecurePortEnabled = Enabled(element, path) ?? false;
                break;
            case N.DataCenterInfo:
                if (element.Element(N.Name) is { } dataCenterName)
                {
                    var namePath = $"{path}.{N.Name}";
                    draft.DataCenterName = EurekaValues.DataCenterName(Text(dataCenterName, namePath), namePath);
                }

                break;
            case N.LeaseInfo: ReadLease(draft, element, path); break;
            case N.Metadata: ReadMetadata(draft, element, path); break;
            case N.LastDirtyTimestamp: draft.LastDirtyTimestamp = EurekaValues.Timestamp(Text(element, path), path); break;

            // overriddenstatus, lastUpdatedTimestamp, actionType, countryId, ... are the registry's or obsolete.
        }
    }

    private static bool? Enabled(XElement element, string path) =>
        element.Attribute(N.XmlPortEnabled) is { } enabled ? EurekaValues.Bool(enabled.Value, $"{path}@{N.XmlPortEnabled}") : null;

    private static void ReadLease(InstanceDraft draft, XElement lease, string path)
    {
        if (lease.Element(N.RenewalIntervalInSecs) is { } renewal)
        {
            var renewalPath = $"{path}.{N.RenewalIntervalInSecs}";
            draft.RenewalIntervalInSecs = EurekaValues.Seconds(Text(renewal, renewalPath), renewalPath, LeaseInfo.DefaultRenewalIntervalInSecs);
        }

        if (lease.Element(N.DurationInSecs) is { } duration)
        {
            var durationPath = $"{path}.{N.DurationInSecs}";
            draft.DurationInSecs = EurekaValues.Seconds(Text(duration, durationPath), durationPath, LeaseInfo.DefaultDurationInSecs);
        }
    }

    /// <summary>
    /// Keys are element names, coded as XStream codes them (<see cref="XStreamNames"/>). The <c>class</c>
    /// attribute Eureka puts on empty metadata is ignored.
    /// </summary>
    private static void ReadMetadata(InstanceDraft draft, XElement metadata, string path)
    {
        foreach (var entry in metadata.Elements())
        {
            var key = XStreamNames.Decode(entry.Name.LocalName);
            draft.AddMetadata(key, Text(entry, $"{path}.{key}"), path);
        }
    }

    /// <summary>An element's text; an element with child elements where text belongs is refused.</summary>
    private static string Text(XElement element, string path) =>
        element.HasElements ? throw new EurekaFormatException(path, "must be text, not nested elements") : element.Value;
}
