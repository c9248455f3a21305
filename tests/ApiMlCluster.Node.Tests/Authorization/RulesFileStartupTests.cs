using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Cluster;
using ApiMlCluster.Node.Hosting;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.Authorization;

public sealed class RulesFileStartupTests
{
    [Fact]
    public async Task Build_FileProviderWithABadRulesFile_StopsTheNodeNamingTheKeyAndTheEntry()
    {
        using var temp = new TempWorkspace();
        temp.WriteFile("rules.yaml", "rules:\n  - { class: ZOWE, resource: APIML.SERVICES, access: WRITE, users: [ADMIN] }\n");
        var security = "{ auth: { provider: dummy }, authorization: { provider: file, file: { path: rules.yaml } } }";
        var config = ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(FreePorts.Take(4), security: security)), null);

        var e = await Assert.ThrowsAsync<ConfigException>(() => NodeApplication.BuildAsync(config, TimeProvider.System, ClusterHocon.DefaultHoconDirectory, CancellationToken.None));

        Assert.Equal("components.gateway.apiml.security.authorization.file.path", e.Key);
        Assert.Contains("rules[0].access", e.Problem, StringComparison.Ordinal);
    }
}
