using System.Globalization;
using System.Text;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// The Eureka wire format in both of its encodings: registrations in, registry views out. Field names, order
/// and value kinds follow Netflix Eureka's server codecs (<c>EurekaJacksonCodec</c> for JSON, XStream
/// <c>Converters</c> for XML) so that unmodified Eureka clients work against this registry.
/// </summary>
internal static class EurekaCodec
{
    /// <summary>A registration larger than this is refused before parsing; real ones are a few kilobytes.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Parses a registration body (<c>POST /eureka/apps/{APP}</c>). Only client-owned fields are taken; the lease
    /// timestamps, overridden status and last-updated time are the registry's and are left at their defaults.
    /// Required: <c>instanceId</c>, <c>app</c> (upper-cased), <c>hostName</c>. Defaults: status UP, lease 30/90 s,
    /// data center MyOwn, an absent port 0 and disabled.
    /// </summary>
    /// <exception cref="EurekaFormatException">The body is not a well-formed, complete registration.</exception>
    public static InstanceInfo ReadInstance(ReadOnlySpan<byte> body, EurekaFormat format)
    {
        if (body.IsEmpty)
        {
            throw new EurekaFormatException("body", "is empty");
        }

        if (body.Length > MaxBodyBytes)
        {
            throw new EurekaFormatException("body", $"is larger than {MaxBodyBytes} bytes");
        }

        return format == EurekaFormat.Xml ? EurekaXmlReader.ReadInstance(body) : EurekaJsonReader.ReadInstance(body);
    }

    /// <summary><c>GET /eureka/apps</c> and <c>/eureka/apps/delta</c>. Applications without instances are left out, as Eureka does.</summary>
    public static byte[] WriteApplications(EurekaApplications apps, EurekaFormat format) =>
        format == EurekaFormat.Xml ? EurekaXmlWriter.Applications(apps) : EurekaJsonWriter.Applications(apps);

    /// <summary><c>GET /eureka/apps/{APP}</c>.</summary>
    public static byte[] WriteApplication(string app, IReadOnlyList<EurekaInstanceEntry> instances, EurekaFormat format) =>
        format == EurekaFormat.Xml ? EurekaXmlWriter.Application(app, instances) : EurekaJsonWriter.Application(app, instances);

    /// <summary>
    /// <c>GET /eureka/apps/{APP}/{id}</c> and <c>/eureka/instances/{id}</c>. The action type is
    /// <see cref="EurekaInstanceEntry.Added"/>, what Eureka's registry holds for a live instance.
    /// </summary>
    public static byte[] WriteInstance(InstanceInfo instance, EurekaFormat format) =>
        format == EurekaFormat.Xml
            ? EurekaXmlWriter.Instance(instance, EurekaInstanceEntry.Added)
            : EurekaJsonWriter.Instance(instance, EurekaInstanceEntry.Added);

    /// <summary>
    /// Eureka's reconcile hash code (<c>Applications.getReconcileHashCode</c>): per status the clients see,
    /// <c>STATUS_count_</c>, ordered by status name as Java's <c>TreeMap</c> orders strings; e.g.
    /// <c>DOWN_1_UP_2_</c>, and the empty string for no instances. A client that applied a delta compares its
    /// own count with this one and fetches the full registry when they differ.
    /// </summary>
    public static string AppsHashCode(IEnumerable<InstanceInfo> instances)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            var status = instance.EffectiveStatus.ToEureka();
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }

        var hash = new StringBuilder();
        foreach (var (status, count) in counts)
        {
            hash.Append(status).Append('_').Append(count.ToString(CultureInfo.InvariantCulture)).Append('_');
        }

        return hash.ToString();
    }
}
