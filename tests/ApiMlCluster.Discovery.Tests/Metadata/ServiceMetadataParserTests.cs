using ApiMlCluster.Discovery.Metadata;

namespace ApiMlCluster.Discovery.Tests.Metadata;

public sealed class ServiceMetadataParserTests
{
    private static ServiceMetadata Parse(out IReadOnlyList<string> problems, params (string Key, string Value)[] entries) =>
        ServiceMetadataParser.Parse(entries.ToDictionary(e => e.Key, e => e.Value), out problems);

    private static ServiceMetadata Parse(params (string Key, string Value)[] entries) => Parse(out _, entries);

    [Fact]
    public void Parse_EmptyMetadata_GivesZoweDefaults()
    {
        var result = Parse(out var problems);

        Assert.Empty(problems);
        Assert.Empty(result.Routes);
        Assert.Empty(result.ApiInfo);
        Assert.True(result.EnableUrlEncodedCharacters);
        Assert.False(result.Cors.Enabled);
        Assert.Equal(["*"], result.Cors.AllowedOrigins);
        Assert.Null(result.CatalogTile);
        Assert.True(result.Authentication.IsEmpty);
    }

    [Fact]
    public void Parse_Route_TrimsGatewayUrlSlashesAndAddsServiceUrlSlash()
    {
        var result = Parse(("apiml.routes.api-v1.gatewayUrl", "/api/v1/"), ("apiml.routes.api-v1.serviceUrl", "discoverableclient/api/v1"));

        var route = Assert.Single(result.Routes);
        Assert.Equal(new RouteDefinition("api/v1", "/discoverableclient/api/v1") { Name = "api-v1" }, route);
    }

    [Fact]
    public void Parse_RouteWithoutServiceUrl_IsSkippedAndReported()
    {
        var result = Parse(out var problems, ("apiml.routes.api-v1.gatewayUrl", "api/v1"));

        Assert.Empty(result.Routes);
        Assert.Contains(problems, p => p.StartsWith("apiml.routes.api-v1:", StringComparison.Ordinal) && p.Contains("serviceUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralRoutes_AreOrderedLongestGatewayUrlFirst()
    {
        var result = Parse(
            ("apiml.routes.a.gatewayUrl", "api"), ("apiml.routes.a.serviceUrl", "/"),
            ("apiml.routes.b.gatewayUrl", "api/v1/sub"), ("apiml.routes.b.serviceUrl", "/sub"),
            ("apiml.routes.c.gatewayUrl", "api/v1"), ("apiml.routes.c.serviceUrl", "/v1"));

        Assert.Equal(["api/v1/sub", "api/v1", "api"], result.Routes.Select(r => r.GatewayUrl));
    }

    [Fact]
    public void Parse_RouteKeyWithDottedName_IsReportedAndIgnored()
    {
        var result = Parse(out var problems, ("apiml.routes.api.v1.gatewayUrl", "api/v1"));

        Assert.Empty(result.Routes);
        Assert.Contains(problems, p => p.StartsWith("apiml.routes.api.v1.gatewayUrl:", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ApiInfo_ReadsEveryFieldAndCodeSnippets()
    {
        var result = Parse(
            ("apiml.apiInfo.api-v1.apiId", "zowe.apiml.discoverableclient"),
            ("apiml.apiInfo.api-v1.version", "1.0.0"),
            ("apiml.apiInfo.api-v1.gatewayUrl", "api/v1"),
            ("apiml.apiInfo.api-v1.swaggerUrl", "https://host:10012/v3/api-docs"),
            ("apiml.apiInfo.api-v1.graphqlUrl", "https://host:10012/graphql"),
            ("apiml.apiInfo.api-v1.documentationUrl", "https://docs"),
            ("apiml.apiInfo.api-v1.defaultApi", "true"),
            ("apiml.apiInfo.api-v1.codeSnippet.0.endpoint", "/greeting"),
            ("apiml.apiInfo.api-v1.codeSnippet.0.codeBlock", "curl"),
            ("apiml.apiInfo.api-v1.codeSnippet.0.language", "bash"));

        var api = Assert.Single(result.ApiInfo);
        Assert.Equal("zowe.apiml.discoverableclient", api.ApiId);
        Assert.Equal("1.0.0", api.Version);
        Assert.Equal("api/v1", api.GatewayUrl);
        Assert.Equal("https://host:10012/v3/api-docs", api.SwaggerUrl);
        Assert.Equal("https://host:10012/graphql", api.GraphqlUrl);
        Assert.Equal("https://docs", api.DocumentationUrl);
        Assert.True(api.DefaultApi);
        Assert.Equal([new CodeSnippet("/greeting", "curl", "bash")], api.CodeSnippets);
    }

    [Fact]
    public void Parse_ApiInfoIndexes_AreOrderedNumerically()
    {
        var result = Parse(("apiml.apiInfo.10.apiId", "ten"), ("apiml.apiInfo.2.apiId", "two"));

        Assert.Equal(["two", "ten"], result.ApiInfo.Select(a => a.ApiId));
    }

    [Fact]
    public void Parse_ApiInfoUnknownField_IsReportedAndEntryKept()
    {
        var result = Parse(out var problems, ("apiml.apiInfo.0.apiId", "x"), ("apiml.apiInfo.0.colour", "blue"));

        Assert.Single(result.ApiInfo);
        Assert.Contains(problems, p => p.StartsWith("apiml.apiInfo.0.colour:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bypass")]
    [InlineData("zoweJwt")]
    [InlineData("httpBasicPassTicket")]
    [InlineData("zosmf")]
    [InlineData("x509")]
    [InlineData("safIdt")]
    public void Parse_KnownScheme_IsRecognised(string text)
    {
        var result = Parse(out var problems, ("apiml.authentication.scheme", text));

        Assert.Equal(text, result.Authentication.Scheme?.ToMetadata());
        Assert.Empty(problems);
    }

    [Fact]
    public void Parse_UnknownScheme_KeepsTextBehavesAsBypassAndIsReported()
    {
        var result = Parse(out var problems, ("apiml.authentication.scheme", "ZoweJWT"));

        Assert.Null(result.Authentication.Scheme);
        Assert.Equal("ZoweJWT", result.Authentication.SchemeText);
        Assert.Equal(AuthenticationScheme.Bypass, result.Authentication.EffectiveScheme);
        Assert.Contains(problems, p => p.StartsWith("apiml.authentication.scheme:", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Authentication_ReadsApplidHeadersAndSso()
    {
        var result = Parse(
            ("apiml.authentication.scheme", "x509"),
            ("apiml.authentication.applid", "ZOWEAPPL"),
            ("apiml.authentication.headers", "X-Certificate-Public,X-Certificate-CommonName"),
            ("apiml.authentication.sso", "yes"));

        Assert.Equal("ZOWEAPPL", result.Authentication.Applid);
        Assert.Equal("X-Certificate-Public,X-Certificate-CommonName", result.Authentication.Headers);
        Assert.True(result.Authentication.Sso);
    }

    [Theory]
    [InlineData("zoweJwt", null, true)]
    [InlineData("zoweJwt", "false", false)]
    [InlineData("bypass", null, false)]
    [InlineData("bypass", "true", true)]
    public void SupportsSso_FollowsZoweDefaultsPerScheme(string scheme, string? sso, bool expected)
    {
        var entries = new List<(string, string)> { ("apiml.authentication.scheme", scheme) };
        if (sso is not null)
        {
            entries.Add(("apiml.authentication.sso", sso));
        }

        Assert.Equal(expected, Parse([.. entries]).Authentication.SupportsSso);
    }

    [Fact]
    public void Parse_CatalogTile_ReadsAllFields()
    {
        var result = Parse(
            ("apiml.catalog.tile.id", "static"), ("apiml.catalog.tile.title", "Static"),
            ("apiml.catalog.tile.description", "Desc"), ("apiml.catalog.tile.version", "1.0.0"));

        Assert.Equal(new CatalogTile("static", "Static", "Desc", "1.0.0"), result.CatalogTile);
    }

    [Fact]
    public void Parse_CorsEnabledWithOrigins_SplitsTheCommaList()
    {
        var result = Parse(("apiml.corsEnabled", "true"), ("apiml.corsAllowedOrigins", "https://a:1,https://b:2"));

        Assert.True(result.Cors.Enabled);
        Assert.Equal(["https://a:1", "https://b:2"], result.Cors.AllowedOrigins);
    }

    [Fact]
    public void Parse_CorsEnabledWithoutOrigins_AllowsAny()
    {
        var result = Parse(("apiml.corsEnabled", "TRUE"));

        Assert.True(result.Cors.Enabled);
        Assert.Equal(["*"], result.Cors.AllowedOrigins);
    }

    [Fact]
    public void Parse_Timeouts_ReadsV3AndV2Keys()
    {
        var result = Parse(
            ("connect-timeout", "5000"), ("apiml.connectTimeout", "1000"), ("apiml.readTimeout", "2000"),
            ("apiml.connectionManagerTimeout", "3000"), ("apiml.responseTimeout", "4000"));

        Assert.Equal(new ServiceTimeouts { ConnectTimeout = 5000, ConnectTimeoutV2 = 1000, ReadTimeout = 2000, ConnectionManagerTimeout = 3000, ResponseTimeout = 4000 }, result.Timeouts);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Parse_InvalidTimeout_IsIgnoredAndReported(string value)
    {
        var result = Parse(out var problems, ("connect-timeout", value));

        Assert.Null(result.Timeouts.ConnectTimeout);
        Assert.Contains(problems, p => p.StartsWith("connect-timeout:", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_EnableUrlEncodedCharactersFalse_IsRead()
    {
        Assert.False(Parse(("apiml.enableUrlEncodedCharacters", "false")).EnableUrlEncodedCharacters);
    }

    [Fact]
    public void Parse_BooleanThatIsNotTrueOrFalse_IsReadAsFalseLikeZoweAndReported()
    {
        var result = Parse(out var problems, ("apiml.enableUrlEncodedCharacters", "yes"));

        Assert.False(result.EnableUrlEncodedCharacters);
        Assert.Contains(problems, p => p.StartsWith("apiml.enableUrlEncodedCharacters:", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ServiceKeys_AreRead()
    {
        var result = Parse(
            ("version", "2.2.0"),
            ("apiml.service.title", "T"), ("apiml.service.description", "D"),
            ("apiml.service.externalUrl", "https://domain:10010"), ("apiml.service.apimlId", "apiml1"),
            ("apiml.service.supportClientCertForwarding", "true"), ("apiml.okToRetryOnAllOperations", "true"),
            ("apiml.lb.type", "authentication"));

        Assert.Equal(("2.2.0", "T", "D"), (result.Version, result.Title, result.Description));
        Assert.Equal(("https://domain:10010", "apiml1"), (result.ExternalUrl, result.ApimlId));
        Assert.True(result.SupportClientCertForwarding);
        Assert.True(result.OkToRetryOnAllOperations);
        Assert.Equal("authentication", result.LoadBalancerType);
    }

    [Fact]
    public void Parse_CustomMetadata_HoldsOnlyKeysOutsideKnownPrefixes()
    {
        var result = Parse(
            ("version", "2.2.0"), ("connect-timeout", "10"), ("apiml.service.title", "T"),
            ("zos.sysname", "SYS1"), ("my.own", "value"));

        Assert.Equal(["my.own", "zos.sysname"], result.CustomMetadata.Keys);
    }
}
