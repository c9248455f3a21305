using System.Collections.Immutable;

namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// What Zowe's discovery service does to metadata at registration (<c>MetadataTranslationService</c>): a client that
/// sends no <c>version</c> is a Zowe v1 (mfaas) client, and its keys are rewritten to the current ones.
/// </summary>
internal static class V1MetadataTranslation
{
    private static readonly (string V1, string Current)[] Renamed =
    [
        (MetadataKeys.CatalogIdV1, MetadataKeys.CatalogId),
        (MetadataKeys.CatalogVersionV1, MetadataKeys.CatalogVersion),
        (MetadataKeys.CatalogTitleV1, MetadataKeys.CatalogTitle),
        (MetadataKeys.CatalogDescriptionV1, MetadataKeys.CatalogDescription),
        (MetadataKeys.ServiceTitleV1, MetadataKeys.ServiceTitle),
        (MetadataKeys.ServiceDescriptionV1, MetadataKeys.ServiceDescription),
    ];

    // v1 keys with no current meaning; Zowe drops them.
    private static readonly string[] Dropped =
    [
        MetadataKeys.ApiVersionBasePackageV1,
        MetadataKeys.ApiVersionTitleV1,
        MetadataKeys.ApiVersionVersionV1,
        MetadataKeys.ApiVersionDescriptionV1,
        MetadataKeys.EnableApiDocV1,
    ];

    /// <summary>
    /// Rewrites v1 keys: <c>routed-services.&lt;n&gt;.gateway-url|service-url</c> become
    /// <c>apiml.routes.&lt;n&gt;.gatewayUrl|serviceUrl</c>, the <c>mfaas.discovery.*</c> title/description/tile keys become
    /// their <c>apiml.*</c> names (overwriting), and the v1 api-doc keys are removed. Other <c>mfaas.*</c> keys stay, as
    /// in Zowe. Returns <paramref name="metadata"/> itself when <c>version</c> is present or nothing changes.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> Translate(ImmutableSortedDictionary<string, string> metadata)
    {
        if (metadata.ContainsKey(MetadataKeys.Version))
        {
            return metadata;
        }

        var builder = metadata.ToBuilder();

        // Zowe replaces the marker anywhere in the key, not only at the start; so does this.
        foreach (var (key, value) in metadata.Where(entry => entry.Key.Contains(MetadataKeys.RoutesV1, StringComparison.Ordinal)))
        {
            builder.Remove(key);
            var translated = key
                .Replace(MetadataKeys.RoutesV1, MetadataKeys.Routes, StringComparison.Ordinal)
                .Replace(MetadataKeys.RouteGatewayUrlV1, MetadataKeys.RouteGatewayUrl, StringComparison.Ordinal)
                .Replace(MetadataKeys.RouteServiceUrlV1, MetadataKeys.RouteServiceUrl, StringComparison.Ordinal);
            builder[translated] = value;
        }

        foreach (var (v1, current) in Renamed)
        {
            if (metadata.TryGetValue(v1, out var value))
            {
                builder.Remove(v1);
                builder[current] = value;
            }
        }

        foreach (var key in Dropped)
        {
            builder.Remove(key);
        }

        var result = builder.ToImmutable();
        return result.Count == metadata.Count && result.SequenceEqual(metadata) ? metadata : result;
    }

    /// <summary>
    /// The whole registration-time step: <see cref="Translate"/>, then Zowe's z/OSMF default: a service whose id
    /// contains <c>zosmf</c> (any case) and declares no scheme gets <c>apiml.authentication.scheme=zosmf</c>.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> TranslateAtRegistration(string serviceId, ImmutableSortedDictionary<string, string> metadata)
    {
        var translated = Translate(metadata);
        if (!serviceId.Contains("zosmf", StringComparison.OrdinalIgnoreCase) || translated.ContainsKey(MetadataKeys.AuthenticationScheme))
        {
            return translated;
        }

        return translated.SetItem(MetadataKeys.AuthenticationScheme, AuthenticationScheme.Zosmf.ToMetadata());
    }
}
