using System.Collections.Immutable;
using ApiMlCluster.Discovery.Metadata;

namespace ApiMlCluster.Discovery.Tests.Metadata;

public sealed class V1MetadataTranslationTests
{
    private static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    [Fact]
    public void Translate_RoutedServices_BecomeApimlRoutes()
    {
        var result = V1MetadataTranslation.Translate(Map(
            ("routed-services.api_v1.gateway-url", "api/v1"),
            ("routed-services.api_v1.service-url", "/dc/api/v1")));

        Assert.Equal(Map(("apiml.routes.api_v1.gatewayUrl", "api/v1"), ("apiml.routes.api_v1.serviceUrl", "/dc/api/v1")), result);
    }

    [Fact]
    public void Translate_MfaasTitleDescriptionAndTile_BecomeApimlKeys()
    {
        var result = V1MetadataTranslation.Translate(Map(
            ("mfaas.discovery.service.title", "T"), ("mfaas.discovery.service.description", "D"),
            ("mfaas.discovery.catalogUiTile.id", "id"), ("mfaas.discovery.catalogUiTile.version", "1.0.0"),
            ("mfaas.discovery.catalogUiTile.title", "TT"), ("mfaas.discovery.catalogUiTile.description", "TD")));

        Assert.Equal(Map(
            ("apiml.catalog.tile.description", "TD"), ("apiml.catalog.tile.id", "id"), ("apiml.catalog.tile.title", "TT"),
            ("apiml.catalog.tile.version", "1.0.0"), ("apiml.service.description", "D"), ("apiml.service.title", "T")), result);
    }

    [Fact]
    public void Translate_V1ApiDocKeys_AreRemoved()
    {
        var result = V1MetadataTranslation.Translate(Map(
            ("mfaas.discovery.enableApiDoc", "true"),
            ("mfaas.api-info.apiVersionProperties.v1.basePackage", "x"),
            ("mfaas.api-info.apiVersionProperties.v1.title", "x"),
            ("mfaas.api-info.apiVersionProperties.v1.version", "x"),
            ("mfaas.api-info.apiVersionProperties.v1.description", "x"),
            ("other", "kept")));

        Assert.Equal(Map(("other", "kept")), result);
    }

    [Fact]
    public void Translate_MfaasKeyOutsideTheTable_IsKept()
    {
        var result = V1MetadataTranslation.Translate(Map(("mfaas.discovery.service.title", "T"), ("mfaas.discovery.other", "x")));

        Assert.Equal("x", result["mfaas.discovery.other"]);
    }

    [Fact]
    public void Translate_VersionPresent_ReturnsTheSameInstance()
    {
        var input = Map(("version", "2.2.0"), ("routed-services.a.gateway-url", "api"));

        Assert.Same(input, V1MetadataTranslation.Translate(input));
    }

    [Fact]
    public void Translate_NoV1Keys_ReturnsTheSameInstance()
    {
        var input = Map(("apiml.service.title", "T"));

        Assert.Same(input, V1MetadataTranslation.Translate(input));
    }

    [Fact]
    public void Translate_V1TitleOverwritesCurrentTitle()
    {
        var result = V1MetadataTranslation.Translate(Map(("apiml.service.title", "new"), ("mfaas.discovery.service.title", "old")));

        Assert.Equal(Map(("apiml.service.title", "old")), result);
    }

    [Fact]
    public void TranslateAtRegistration_ZosmfServiceWithoutScheme_GetsZosmfScheme()
    {
        var result = V1MetadataTranslation.TranslateAtRegistration("ibmzosmf", Map(("version", "2.2.0")));

        Assert.Equal("zosmf", result["apiml.authentication.scheme"]);
    }

    [Fact]
    public void TranslateAtRegistration_ZosmfServiceWithScheme_KeepsItsScheme()
    {
        var result = V1MetadataTranslation.TranslateAtRegistration("zosmf", Map(("version", "2.2.0"), ("apiml.authentication.scheme", "bypass")));

        Assert.Equal("bypass", result["apiml.authentication.scheme"]);
    }
}
