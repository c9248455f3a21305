using System.Globalization;
using System.Text;
using System.Xml;

namespace ApiMlCluster.Discovery.Eureka;

/// <summary>
/// Metadata keys as XML element names, coded the way Eureka's XStream codec does (XStream's
/// <c>XmlFriendlyNameCoder</c> with Eureka's defaults): <c>_</c> becomes <c>__</c>, <c>$</c> becomes <c>_-</c>, and a
/// character that cannot appear in an element name becomes <c>_.</c> and four hex digits. Matching it keeps XML
/// written by Java clients (and by Zowe's onboarding guide, e.g. <c>apiml.routes.api__v1.gatewayUrl</c> for the key
/// <c>apiml.routes.api_v1.gatewayUrl</c>) meaning the same key here, and any key, even <c>1st key</c> or <c>a:b</c>,
/// a well-formed element.
/// </summary>
internal static class XStreamNames
{
    private const string Dollar = "_-";
    private const string Underscore = "__";
    private const string Hex = "_.";

    public static string Encode(string key)
    {
        var name = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c == '$')
            {
                name.Append(Dollar);
            }
            else if (c == '_')
            {
                name.Append(Underscore);
            }

            // NCName rather than XStream's Name: a colon would read as a namespace prefix to every namespace-aware parser.
            else if (i == 0 ? !XmlConvert.IsStartNCNameChar(c) : !XmlConvert.IsNCNameChar(c))
            {
                name.Append(Hex).Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                name.Append(c);
            }
        }

        return name.ToString();
    }

    /// <summary>The inverse of <see cref="Encode"/>; a sequence that is not a complete escape is kept as written.</summary>
    public static string Decode(string name)
    {
        if (!name.Contains('_'))
        {
            return name;
        }

        var key = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var rest = name.AsSpan(i);
            if (rest.StartsWith(Dollar))
            {
                key.Append('$');
                i++;
            }
            else if (rest.StartsWith(Underscore))
            {
                key.Append('_');
                i++;
            }
            else if (rest.StartsWith(Hex) && rest.Length >= 6
                     && int.TryParse(rest.Slice(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                key.Append((char)code);
                i += 5;
            }
            else
            {
                key.Append(name[i]);
            }
        }

        return key.ToString();
    }
}
