using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Core.Tests.Configuration;

public sealed class GatewaySchemeConfigTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_NothingConfigured_NoKeysNoProviderNoCustomHeaders()
    {
        var settings = Load("{ auth: { provider: dummy } }");

        Assert.Equal((0, null, null, null, null), (settings.PassTicketKeys.Count, settings.SafIdtUrl, settings.JwtCustomAuthHeader, settings.PassTicketCustomUserHeader, settings.PassTicketCustomAuthHeader));
    }

    [Fact]
    public void Load_KeysInlineAndFromFile_ReadsBoth()
    {
        temp.WriteFile("tso.key", "0E329232EA6D0D73\n");

        var settings = Load("{ auth: { provider: dummy }, passTicket: { keys: { TSO: { algorithm: legacy, secretFile: tso.key }, ZOWEAPPL: { secret: ABCD } } } }");

        Assert.Equal(new PassTicketKeySetting("legacy", "0E329232EA6D0D73"), settings.PassTicketKeys["TSO"]);
        Assert.Equal(new PassTicketKeySetting("enhanced", "ABCD"), settings.PassTicketKeys["zoweappl"]);
    }

    [Fact]
    public void Load_KeyWithSecretAndSecretFile_NamesTheEntry()
    {
        var e = Assert.Throws<ConfigException>(() => Load("{ auth: { provider: dummy }, passTicket: { keys: { TSO: { secret: AB, secretFile: x } } } }"));

        Assert.Equal("components.gateway.apiml.security.passTicket.keys.TSO", e.Key);
    }

    [Fact]
    public void Load_SecretFileMissing_NamesTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => Load("{ auth: { provider: dummy }, passTicket: { keys: { TSO: { secretFile: missing.key } } } }"));

        Assert.Equal("components.gateway.apiml.security.passTicket.keys.TSO.secretFile", e.Key);
    }

    [Fact]
    public void Load_SafUrlAndCustomHeaders_AreRead()
    {
        var settings = Load("{ auth: { provider: dummy, jwt: { customAuthHeader: X-Jwt }, passticket: { customUserHeader: X-U, customAuthHeader: X-T } }, saf: { urls: { authenticate: \"https://zss:8542/saf/authenticate\" } } }");

        Assert.Equal(("X-Jwt", "X-U", "X-T", new Uri("https://zss:8542/saf/authenticate")), (settings.JwtCustomAuthHeader, settings.PassTicketCustomUserHeader, settings.PassTicketCustomAuthHeader, settings.SafIdtUrl));
    }

    [Fact]
    public void Load_SafUrlNotHttp_IsRejected()
    {
        var e = Assert.Throws<ConfigException>(() => Load("{ auth: { provider: dummy }, saf: { urls: { authenticate: \"ftp://zss/x\" } } }"));

        Assert.Equal("components.gateway.apiml.security.saf.urls.authenticate", e.Key);
    }

    [Fact]
    public void Load_CustomHeaderWithSpace_IsRejected()
    {
        Assert.Throws<ConfigException>(() => Load("{ auth: { provider: dummy, jwt: { customAuthHeader: \"X Jwt\" } } }"));
    }

    [Fact]
    public void EffectiveConfig_ByDefault_MasksInlineSecrets()
    {
        var text = EffectiveConfigPrinter.Render(LoadNode("{ auth: { provider: dummy }, passTicket: { keys: { TSO: { algorithm: legacy, secret: 0E329232EA6D0D73 } } } }"), showSecrets: false);

        Assert.DoesNotContain("0E329232EA6D0D73", text);
    }

    [Fact]
    public void PassTicketKeySetting_ToString_HidesTheKey()
    {
        Assert.DoesNotContain("0E329232", new PassTicketKeySetting("legacy", "0E329232EA6D0D73").ToString());
    }

    private GatewaySchemeSettings Load(string security) => LoadNode(security).GatewaySchemes;

    private NodeConfig LoadNode(string security) =>
        ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode([7554, 7553, 7555, 7560], security: security)), null);
}
