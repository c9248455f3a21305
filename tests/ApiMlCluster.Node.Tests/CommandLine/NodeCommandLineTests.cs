using ApiMlCluster.Node.CommandLine;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Node.Tests.CommandLine;

public sealed class NodeCommandLineTests : IDisposable
{
    private readonly TempWorkspace temp = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    [Fact]
    public async Task ConfigEffective_PrintsTheMergedInstanceWithSecretsMasked()
    {
        var file = temp.WriteFile("zowe.yaml", ZoweYaml.ThreeNodes(Enumerable.Range(41000, 12).ToArray()) + "\n  lpar9:\n    hostname: localhost\n    cluster: { port: 41100, persistence: { provider: postgresql, connectionString: 'Host=db;Password=hunter2' } }\n    components: { gateway: { port: 41101 }, discovery: { port: 41102 }, caching-service: { port: 41103 } }\n");

        var code = await Run("config", "effective", "--config", file, "--ha-instance", "LPAR9");

        Assert.Equal(0, code);
        Assert.Contains("id: lpar9", output.ToString());
        Assert.Contains("port: 41101", output.ToString());
        Assert.Contains("Password=********", output.ToString());
        Assert.DoesNotContain("hunter2", output.ToString());
    }

    [Fact]
    public async Task ConfigEffective_UnknownInstance_ExitsWithTheKeyInTheMessage()
    {
        var file = temp.WriteFile("zowe.yaml", ZoweYaml.ThreeNodes(Enumerable.Range(41000, 12).ToArray()));

        var code = await Run("config", "effective", "--config", file, "--ha-instance", "lpar7");

        Assert.Equal(NodeCommandLine.ConfigErrorExitCode, code);
        Assert.Equal("apiml: Invalid configuration 'haInstances.lpar7': no such instance; defined: lpar1, lpar2, lpar3\n", error.ToString());
    }

    [Fact]
    public async Task ConfigInstances_ListsEveryNodeWithItsHealthUrl()
    {
        var file = temp.WriteFile("zowe.yaml", ZoweYaml.ThreeNodes(Enumerable.Range(41000, 12).ToArray()));

        var code = await Run("config", "instances", "--config", file);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["lpar1", "lpar2", "lpar3"], lines.Select(l => l[0]));
        Assert.Equal("https://localhost:41004/application/health", lines[1][1]);
    }

    [Fact]
    public async Task Start_InvalidConfiguration_ExitsBeforeStartingAnything()
    {
        var file = temp.WriteFile("zowe.yaml", "components: { gateway: { port: 99999 } }");

        var code = await Run("start", "--config", file);

        Assert.Equal(NodeCommandLine.ConfigErrorExitCode, code);
        Assert.Contains("'components.gateway.port'", error.ToString());
        Assert.False(Directory.Exists(Path.Combine(temp.Root, "workspace")));
    }

    [Theory]
    [InlineData("launch")]
    [InlineData("start", "--bogus", "1")]
    [InlineData("certs", "new-service", "--out", "/tmp/x")]
    public async Task BadUsage_ExitsWithUsage(params string[] args)
    {
        var code = await Run(args);

        Assert.Equal(NodeCommandLine.ConfigErrorExitCode, code);
        Assert.Contains("usage:", error.ToString());
    }

    public void Dispose() => temp.Dispose();

    private Task<int> Run(params string[] args) => NodeCommandLine.RunAsync(args, output, error, CancellationToken.None);
}
