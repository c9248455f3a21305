using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Gateway.Schemes;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Gateway.Tests.Schemes;

public sealed class SchemesModuleTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AddSouthboundSchemes_UnusableKey_StopsWithAConfigErrorThatDoesNotShowTheKey()
    {
        var yaml = ZoweYaml.SingleNode([7554, 7553, 7555, 7560], security: "{ auth: { provider: dummy }, passTicket: { keys: { TSO: { algorithm: legacy, secret: 0101010101010101 } } } }");
        var config = ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), null);
        var tls = new TlsMaterial(null!, [], []);

        var e = Assert.Throws<ConfigException>(() => new ServiceCollection().AddSouthboundSchemes(config, tls));

        Assert.Equal("components.gateway.apiml.security.passTicket.keys", e.Key);
        Assert.Contains("weak", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0101010101010101", e.Message, StringComparison.Ordinal);
    }
}
