using System.Globalization;

namespace ApiMlCluster.Discovery.Services;

/// <summary>
/// Zowe's <c>ServiceInfoUtils.getVersion</c>: up to three dot-separated numbers, parsing stops at the first part
/// that is not a number (<c>1.2.3-SNAPSHOT</c> is 1.2.0), and no version is 0.0.0.
/// </summary>
internal readonly record struct ApiVersion(int Major, int Minor, int Patch) : IComparable<ApiVersion>
{
    public static ApiVersion Parse(string? text)
    {
        if (text is null)
        {
            return default;
        }

        var numbers = new int[3];
        var parts = text.Split('.');
        for (var i = 0; i < Math.Min(3, parts.Length); i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i]))
            {
                break;
            }
        }

        return new ApiVersion(numbers[0], numbers[1], numbers[2]);
    }

    public int CompareTo(ApiVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);
}
