using System.Collections.Immutable;

namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// Reads an instance's metadata map into <see cref="ServiceMetadata"/>. Never throws: a value that cannot be used is
/// left at Zowe's default and described in <c>problems</c>, each message starting with the key it is about.
/// </summary>
internal static class ServiceMetadataParser
{
    public static ServiceMetadata Parse(IReadOnlyDictionary<string, string> metadata, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var result = new ServiceMetadata
        {
            Version = MetadataValues.Read(metadata, MetadataKeys.Version),
            Title = MetadataValues.Read(metadata, MetadataKeys.ServiceTitle),
            Description = MetadataValues.Read(metadata, MetadataKeys.ServiceDescription),
            Routes = RouteMetadataParser.Parse(metadata, found),
            ApiInfo = ApiInfoMetadataParser.Parse(metadata, found),
            Authentication = ParseAuthentication(metadata, found),
            CatalogTile = ParseCatalogTile(metadata),
            LoadBalancerType = MetadataValues.Read(metadata, MetadataKeys.LoadBalancerType),
            Cors = ParseCors(metadata, found),
            Timeouts = new ServiceTimeouts
            {
                ConnectTimeout = MetadataValues.ReadMilliseconds(metadata, MetadataKeys.ConnectTimeout, found),
                ConnectTimeoutV2 = MetadataValues.ReadMilliseconds(metadata, MetadataKeys.ConnectTimeoutV2, found),
                ReadTimeout = MetadataValues.ReadMilliseconds(metadata, MetadataKeys.ReadTimeout, found),
                ConnectionManagerTimeout = MetadataValues.ReadMilliseconds(metadata, MetadataKeys.ConnectionManagerTimeout, found),
                ResponseTimeout = MetadataValues.ReadMilliseconds(metadata, MetadataKeys.ResponseTimeout, found),
            },
            EnableUrlEncodedCharacters = MetadataValues.ReadBoolean(metadata, MetadataKeys.EnableUrlEncodedCharacters, whenAbsent: true, found),
            ExternalUrl = MetadataValues.Read(metadata, MetadataKeys.ServiceExternalUrl),
            ApimlId = MetadataValues.Read(metadata, MetadataKeys.ServiceApimlId),
            SupportClientCertForwarding = MetadataValues.ReadBoolean(metadata, MetadataKeys.SupportClientCertForwarding, whenAbsent: false, found),
            OkToRetryOnAllOperations = MetadataValues.ReadBoolean(metadata, MetadataKeys.OkToRetryOnAllOperations, whenAbsent: false, found),
            CustomMetadata = CustomMetadataOf(metadata),
        };

        problems = found;
        return result;
    }

    /// <summary>Keys the model does not interpret; see <see cref="ServiceMetadata.CustomMetadata"/>.</summary>
    public static bool IsCustomKey(string key) =>
        !key.StartsWith(MetadataKeys.ApimlPrefix, StringComparison.Ordinal)
        && key is not (MetadataKeys.Version or MetadataKeys.ConnectTimeout);

    private static ImmutableSortedDictionary<string, string> CustomMetadataOf(IReadOnlyDictionary<string, string> metadata)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (IsCustomKey(key))
            {
                builder[key] = value;
            }
        }

        return builder.ToImmutable();
    }

    private static ServiceAuthentication ParseAuthentication(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        var schemeText = MetadataValues.Read(metadata, MetadataKeys.AuthenticationScheme);
        AuthenticationScheme? scheme = null;
        if (schemeText is not null)
        {
            if (AuthenticationSchemes.TryParse(schemeText, out var parsed))
            {
                scheme = parsed;
            }
            else
            {
                problems.Add($"{MetadataKeys.AuthenticationScheme}: '{schemeText}' is not a scheme Zowe knows; requests pass through as with bypass");
            }
        }

        var authentication = new ServiceAuthentication
        {
            Scheme = scheme,
            SchemeText = schemeText,
            Applid = MetadataValues.Read(metadata, MetadataKeys.AuthenticationApplid),
            Headers = MetadataValues.Read(metadata, MetadataKeys.AuthenticationHeaders),
            Sso = MetadataValues.ReadLenientBoolean(metadata, MetadataKeys.AuthenticationSso, problems),
            PassCredentials = MetadataValues.ReadBoolean(metadata, MetadataKeys.AuthenticationPassCredentials, whenAbsent: false, problems),
        };
        return authentication == ServiceAuthentication.None ? ServiceAuthentication.None : authentication;
    }

    private static CatalogTile? ParseCatalogTile(IReadOnlyDictionary<string, string> metadata)
    {
        var tile = new CatalogTile(
            MetadataValues.Read(metadata, MetadataKeys.CatalogId),
            MetadataValues.Read(metadata, MetadataKeys.CatalogTitle),
            MetadataValues.Read(metadata, MetadataKeys.CatalogDescription),
            MetadataValues.Read(metadata, MetadataKeys.CatalogVersion));
        return tile is { Id: null, Title: null, Description: null, Version: null } ? null : tile;
    }

    private static CorsSettings ParseCors(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        var enabled = MetadataValues.ReadBoolean(metadata, MetadataKeys.CorsEnabled, whenAbsent: false, problems);
        var text = MetadataValues.Read(metadata, MetadataKeys.CorsAllowedOrigins);

        // Zowe splits on commas without trimming; trimming here only forgives "a, b", which never matches in Zowe.
        var origins = string.IsNullOrWhiteSpace(text)
            ? ["*"]
            : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!enabled && origins.Length == 1 && origins[0] == "*")
        {
            return CorsSettings.Disabled;
        }

        return new CorsSettings(enabled, origins);
    }
}
