using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Core.Tests.Configuration;

public sealed class AuthorizationConfigTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_NothingConfigured_DummyWithZowesAdminResourceAndNoRoutes()
    {
        var settings = Load("{ auth: { provider: dummy } }");

        Assert.Equal(("dummy", "ZOWE", "APIML.SERVICES", 0, null), (settings.Provider, settings.ResourceClass, settings.AdminResource, settings.Routes.Count, settings.Endpoint));
        Assert.EndsWith("saf.yml", settings.DummyFile, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileProvider_PathResolvedAgainstTheConfigDirectory()
    {
        var settings = Load("{ auth: { provider: dummy }, authorization: { provider: file, file: { path: rules.yaml } } }");

        Assert.Equal(("file", Path.Combine(temp.Root, "rules.yaml")), (settings.Provider, settings.RulesFile));
    }

    [Fact]
    public void Load_EndpointEnabledWithoutProvider_PicksTheEndpointAsZoweDoes()
    {
        var settings = Load("{ auth: { provider: dummy }, authorization: { endpoint: { enabled: true, url: \"https://zss:8542/saf-auth/\", timeout: 800, cacheTtl: 2000, cacheSize: 50 } } }");

        Assert.Equal("endpoint", settings.Provider);
        Assert.Equal(new AuthorizationEndpointSettings(new Uri("https://zss:8542/saf-auth"), TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(2), 50), settings.Endpoint);
    }

    [Theory]
    [InlineData("{ provider: endpoint }", "components.gateway.apiml.security.authorization.endpoint.url")]
    [InlineData("{ provider: endpoint, endpoint: { url: \"ftp://x\" } }", "components.gateway.apiml.security.authorization.endpoint.url")]
    [InlineData("{ provider: endpoint, endpoint: { enabled: false, url: \"https://x\" } }", "components.gateway.apiml.security.authorization.endpoint.enabled")]
    [InlineData("{ provider: native }", "components.gateway.apiml.security.authorization.provider")]
    [InlineData("{ routes: { serviceId: a } }", "components.gateway.apiml.security.authorization.routes")]
    [InlineData("{ routes: [ { resourceClass: ZOWE, resourceName: X } ] }", "components.gateway.apiml.security.authorization.routes[0].serviceId")]
    [InlineData("{ routes: [ { serviceId: a, resourceName: X } ] }", "components.gateway.apiml.security.authorization.routes[0].resourceClass")]
    [InlineData("{ routes: [ { serviceId: a, resourceClass: ZOWE, resourceName: X, accessLevel: WRITE } ] }", "components.gateway.apiml.security.authorization.routes[0].accessLevel")]
    [InlineData("{ routes: [ { serviceId: a, resourceClass: ZOWE, resourceName: X, level: READ } ] }", "components.gateway.apiml.security.authorization.routes[0].level")]
    public void Load_BadAuthorizationKey_NamesIt(string authorization, string key)
    {
        var e = Assert.Throws<ConfigException>(() => Load($"{{ auth: {{ provider: dummy }}, authorization: {authorization} }}"));

        Assert.Equal(key, e.Key);
    }

    [Fact]
    public void Load_Routes_ReadInOrderWithDefaults()
    {
        var settings = Load("{ auth: { provider: dummy }, authorization: { routes: [ { serviceId: Guarded, resourceClass: ZOWE, resourceName: APIML.G }, { serviceId: p, path: /api/v1/admin/, resourceClass: FACILITY, resourceName: X.Y, accessLevel: update } ] } }");

        Assert.Equal(
            [new RouteResourceCheck("guarded", null, "ZOWE", "APIML.G", "READ"), new RouteResourceCheck("p", "api/v1/admin", "FACILITY", "X.Y", "UPDATE")],
            settings.Routes);
    }

    private AuthorizationSettings Load(string security) =>
        ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode([7554, 7553, 7555, 7600], security: security)), null).Auth.Authorization;
}
