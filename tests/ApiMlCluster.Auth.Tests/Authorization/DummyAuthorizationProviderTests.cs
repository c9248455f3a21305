using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Authorization;

public sealed class DummyAuthorizationProviderTests : IDisposable
{
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("Read", "Allowed")]
    [InlineData("Update", "Allowed")]
    [InlineData("Control", "Denied")]
    [InlineData("Alter", "Denied")]
    public async Task Check_UpdateGranted_IncludesReadButNotControlOrAlter(string asked, string expected)
    {
        var provider = Load("safAccess:\n  ZOWE:\n    APIML.SERVICES:\n      UPDATE: [ADMIN]\n");

        Assert.Equal(Enum.Parse<AuthorizationDecision>(expected), await provider.CheckAsync("ADMIN", new ResourceCheck("ZOWE", "APIML.SERVICES", Enum.Parse<AccessLevel>(asked)), default));
    }

    [Fact]
    public async Task Check_UserListedUnderTwoLevels_HoldsTheHigher()
    {
        var provider = Load("safAccess:\n  ZOWE:\n    APIML.SERVICES:\n      READ: [ADMIN]\n      ALTER: [ADMIN]\n");

        Assert.Equal(AuthorizationDecision.Allowed, await provider.CheckAsync("ADMIN", new ResourceCheck("ZOWE", "APIML.SERVICES", AccessLevel.Alter), default));
    }

    [Fact]
    public async Task Check_NamesInAnotherCase_StillMatch()
    {
        var provider = Load("safAccess:\n  ZOWE:\n    APIML.SERVICES:\n      READ: [Alice]\n");

        Assert.Equal(AuthorizationDecision.Allowed, await provider.CheckAsync("ALICE", new ResourceCheck("zowe", "apiml.services", AccessLevel.Read), default));
    }

    [Fact]
    public async Task Check_OtherUserOrResource_Denied()
    {
        var provider = Load("safAccess:\n  ZOWE:\n    APIML.SERVICES:\n      READ: [ALICE]\n");

        Assert.Equal(AuthorizationDecision.Denied, await provider.CheckAsync("BOB", new ResourceCheck("ZOWE", "APIML.SERVICES", AccessLevel.Read), default));
        Assert.Equal(AuthorizationDecision.Denied, await provider.CheckAsync("ALICE", new ResourceCheck("ZOWE", "APIML.OTHER", AccessLevel.Read), default));
    }

    [Fact]
    public async Task Load_MissingFile_GrantsNothing()
    {
        var provider = DummyAuthorizationProvider.Load(Path.Combine(temp.Root, "absent.yml"));

        Assert.Equal(AuthorizationDecision.Denied, await provider.CheckAsync("ALICE", new ResourceCheck("ZOWE", "APIML.SERVICES", AccessLevel.Read), default));
    }

    [Fact]
    public void Load_UnknownLevel_NamesTheKeyAndTheLevel()
    {
        var e = Assert.Throws<ConfigException>(() => Load("safAccess:\n  ZOWE:\n    APIML.SERVICES:\n      WRITE: [ALICE]\n"));

        Assert.Equal("components.gateway.apiml.security.authorization.dummy.file", e.Key);
        Assert.Contains("WRITE", e.Problem, StringComparison.Ordinal);
    }

    private DummyAuthorizationProvider Load(string yaml) => DummyAuthorizationProvider.Load(temp.WriteFile("saf.yml", yaml));
}
