namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// The metadata keys Zowe defines (<c>EurekaMetadataDefinition</c>). Kept in one place so the parser, the static
/// definition loader and the v1 translation agree on spelling.
/// </summary>
internal static class MetadataKeys
{
    /// <summary>The metadata schema version Zowe writes for static definitions and expects from current clients.</summary>
    public const string CurrentVersion = "2.2.0";

    public const string Version = "version";
    public const string ApimlPrefix = "apiml.";

    public const string Routes = "apiml.routes";
    public const string RouteGatewayUrl = "gatewayUrl";
    public const string RouteServiceUrl = "serviceUrl";

    public const string CatalogId = "apiml.catalog.tile.id";
    public const string CatalogVersion = "apiml.catalog.tile.version";
    public const string CatalogTitle = "apiml.catalog.tile.title";
    public const string CatalogDescription = "apiml.catalog.tile.description";

    public const string ServiceTitle = "apiml.service.title";
    public const string ServiceDescription = "apiml.service.description";
    public const string ServiceExternalUrl = "apiml.service.externalUrl";
    public const string ServiceApimlId = "apiml.service.apimlId";
    public const string SupportClientCertForwarding = "apiml.service.supportClientCertForwarding";
    public const string EnableUrlEncodedCharacters = "apiml.enableUrlEncodedCharacters";
    public const string RegistrationType = "apiml.registrationType";

    public const string ApiInfo = "apiml.apiInfo";
    public const string ApiInfoApiId = "apiId";
    public const string ApiInfoGatewayUrl = "gatewayUrl";
    public const string ApiInfoVersion = "version";
    public const string ApiInfoSwaggerUrl = "swaggerUrl";
    public const string ApiInfoGraphqlUrl = "graphqlUrl";
    public const string ApiInfoDocumentationUrl = "documentationUrl";
    public const string ApiInfoIsDefault = "defaultApi";
    public const string CodeSnippet = "codeSnippet";
    public const string CodeSnippetEndpoint = "endpoint";
    public const string CodeSnippetCodeBlock = "codeBlock";
    public const string CodeSnippetLanguage = "language";

    public const string AuthenticationScheme = "apiml.authentication.scheme";
    public const string AuthenticationApplid = "apiml.authentication.applid";
    public const string AuthenticationSso = "apiml.authentication.sso";
    public const string AuthenticationHeaders = "apiml.authentication.headers";

    /// <summary>Ours, not Zowe's: bypass only, send the caller's API ML credentials (token cookie, PAT, Authorization) on.</summary>
    public const string AuthenticationPassCredentials = "apiml.authentication.passCredentials";

    public const string LoadBalancerType = "apiml.lb.type";
    public const string CorsEnabled = "apiml.corsEnabled";
    public const string CorsAllowedOrigins = "apiml.corsAllowedOrigins";

    /// <summary>v3: Spring Cloud Gateway's per-route metadata, used for both connect and response timeout.</summary>
    public const string ConnectTimeout = "connect-timeout";
    public const string ConnectTimeoutV2 = "apiml.connectTimeout";
    public const string ReadTimeout = "apiml.readTimeout";
    public const string ConnectionManagerTimeout = "apiml.connectionManagerTimeout";
    public const string ResponseTimeout = "apiml.responseTimeout";
    public const string OkToRetryOnAllOperations = "apiml.okToRetryOnAllOperations";

    // Zowe v1 (mfaas) keys, only read by the registration-time translation.
    public const string RoutesV1 = "routed-services";
    public const string RouteGatewayUrlV1 = "gateway-url";
    public const string RouteServiceUrlV1 = "service-url";
    public const string CatalogIdV1 = "mfaas.discovery.catalogUiTile.id";
    public const string CatalogVersionV1 = "mfaas.discovery.catalogUiTile.version";
    public const string CatalogTitleV1 = "mfaas.discovery.catalogUiTile.title";
    public const string CatalogDescriptionV1 = "mfaas.discovery.catalogUiTile.description";
    public const string ServiceTitleV1 = "mfaas.discovery.service.title";
    public const string ServiceDescriptionV1 = "mfaas.discovery.service.description";
    public const string EnableApiDocV1 = "mfaas.discovery.enableApiDoc";
    public const string ApiVersionBasePackageV1 = "mfaas.api-info.apiVersionProperties.v1.basePackage";
    public const string ApiVersionTitleV1 = "mfaas.api-info.apiVersionProperties.v1.title";
    public const string ApiVersionVersionV1 = "mfaas.api-info.apiVersionProperties.v1.version";
    public const string ApiVersionDescriptionV1 = "mfaas.api-info.apiVersionProperties.v1.description";
}
