using System.Globalization;

namespace ApiMlCluster.Discovery.Metadata;

/// <summary>Typed reads of single metadata values, each reporting an unusable value under its key instead of throwing.</summary>
internal static class MetadataValues
{
    /// <summary>
    /// Java's <c>Boolean.parseBoolean</c>, which is what Zowe applies: only <c>true</c> (any case) is true. Anything
    /// other than true/false is reported, and still read as false because that is what Zowe does with it.
    /// </summary>
    public static bool ReadBoolean(IReadOnlyDictionary<string, string> metadata, string key, bool whenAbsent, List<string> problems)
    {
        return metadata.TryGetValue(key, out var text) ? ParseJavaBoolean(key, text, problems) : whenAbsent;
    }

    /// <summary><see cref="ReadBoolean"/> for a value already in hand; <paramref name="key"/> names it in problems.</summary>
    public static bool ParseJavaBoolean(string key, string text, List<string> problems)
    {
        var value = text.Trim();
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{key}: '{text}' is not true or false; read as false");
        }

        return false;
    }

    /// <summary>
    /// Commons-lang <c>BooleanUtils.toBooleanObject</c>, used by Zowe for <c>apiml.authentication.sso</c>: accepts
    /// true/false, yes/no, on/off, y/n, t/f; anything else is null.
    /// </summary>
    public static bool? ReadLenientBoolean(IReadOnlyDictionary<string, string> metadata, string key, List<string> problems)
    {
        if (!metadata.TryGetValue(key, out var text))
        {
            return null;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "y" or "t":
                return true;
            case "false" or "no" or "off" or "n" or "f":
                return false;
            default:
                problems.Add($"{key}: '{text}' is not a boolean; ignored");
                return null;
        }
    }

    /// <summary>A non-negative whole number of milliseconds; anything else is reported and ignored.</summary>
    public static int? ReadMilliseconds(IReadOnlyDictionary<string, string> metadata, string key, List<string> problems)
    {
        if (!metadata.TryGetValue(key, out var text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{key}: '{text}' is not a whole number of milliseconds; ignored");
        return null;
    }

    public static string? Read(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) ? value : null;

    /// <summary>Orders key segments numerically when both are numbers (<c>2</c> before <c>10</c>), else ordinally.</summary>
    public static int CompareSegments(string left, string right)
    {
        var leftIsNumber = long.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out var l);
        var rightIsNumber = long.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var r);
        return (leftIsNumber, rightIsNumber) switch
        {
            (true, true) => l != r ? l.CompareTo(r) : string.CompareOrdinal(left, right),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right),
        };
    }
}
