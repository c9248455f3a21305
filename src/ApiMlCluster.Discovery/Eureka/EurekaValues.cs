using System.Globalization;
using System.Xml;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// Parses the scalar values of a registration from their text form. Both readers end here, so a value is
/// accepted or refused the same way whether it came as JSON or XML, and clients that send numbers as strings
/// (Steeltoe, XML) or as numbers (Jackson, eureka-js-client) are treated alike.
/// </summary>
internal static class EurekaValues
{
    /// <summary>Eureka's <c>DataCenterInfo.Name</c> values; Java clients fail to read a registry holding any other.</summary>
    private static readonly string[] DataCenterNames = ["MyOwn", "Amazon", "Netflix"];

    public static InstanceStatus Status(string text, string field) =>
        InstanceStatuses.TryParse(text.Trim(), out var status)
            ? status
            : throw new EurekaFormatException(field, $"must be one of UP, DOWN, STARTING, OUT_OF_SERVICE, UNKNOWN (was '{text}')");

    public static int Port(string text, string field) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new EurekaFormatException(field, $"must be a port number 0-65535 (was '{text}')");

    public static bool Bool(string text, string field) =>
        bool.TryParse(text.Trim(), out var value) ? value : throw new EurekaFormatException(field, $"must be true or false (was '{text}')");

    /// <summary>Lease intervals. Like Eureka's <c>LeaseInfo.Builder</c>, zero or negative means "use the default".</summary>
    public static int Seconds(string text, string field, int defaultValue) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? seconds > 0 ? seconds : defaultValue
            : throw new EurekaFormatException(field, $"must be a whole number of seconds (was '{text}')");

    public static long Timestamp(string text, string field) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis)
            ? millis
            : throw new EurekaFormatException(field, $"must be epoch milliseconds (was '{text}')");

    public static string DataCenterName(string text, string field)
    {
        var name = text.Trim();
        foreach (var known in DataCenterNames)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new EurekaFormatException(field, $"must be MyOwn, Amazon or Netflix (was '{text}')");
    }

    /// <summary>
    /// Refuses characters XML 1.0 cannot carry (control characters, lone surrogates). JSON can encode them, but
    /// the registry is also rendered as XML, and one such value would break every XML reader of the whole registry.
    /// </summary>
    public static string Text(string text, string field)
    {
        var bad = FirstInvalidXmlChar(text);
        return bad < 0 ? text : throw new EurekaFormatException(field, $"contains a character that is not allowed (U+{(int)text[bad]:X4} at {bad})");
    }

    /// <summary>Index of the first character XML 1.0 cannot carry, or -1.</summary>
    public static int FirstInvalidXmlChar(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }
}
