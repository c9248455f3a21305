using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Authorization;

public sealed class FileAuthorizationProviderTests : IDisposable
{
    private const string Rules = """
        groups:
          APIMLADM: [ALICE, BOB]
          AUDITORS: [CAROL]
        rules:
          - class: ZOWE
            resource: APIML.**
            access: READ
            groups: [AUDITORS]
          - class: ZOWE
            resource: APIML.SERVICES
            access: UPDATE
            groups: [APIMLADM]
          - class: ZOWE
            resource: APIML.SERVICES
            access: ALTER
            users: [bob]
          - class: ZOWE
            resource: APIML.SECRET.*
            access: NONE
            groups: [AUDITORS]
          - class: ZOWE
            resource: APIML.SECRET.*
            access: READ
            users: ["*"]
          - class: FACILITY
            resource: BPX.SERVER
            access: READ
            users: [DAVE]
          - class: FACILITY
            resource: APP%.A*
            access: CONTROL
            users: [DAVE]
        """;

    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("ALICE", "ZOWE", "APIML.SERVICES", "Update", "Allowed")]
    [InlineData("ALICE", "ZOWE", "APIML.SERVICES", "Control", "Denied")]
    [InlineData("BOB", "ZOWE", "APIML.SERVICES", "Alter", "Allowed")]
    [InlineData("DAVE", "FACILITY", "BPX.SERVER", "Read", "Allowed")]
    [InlineData("DAVE", "FACILITY", "BPX.SERVER", "Update", "Denied")]
    [InlineData("dave", "facility", "bpx.server", "Read", "Allowed")]
    [InlineData("DAVE", "ZOWE", "BPX.SERVER", "Read", "Denied")]
    public async Task Check_DiscreteProfile_GrantsItsLevelAndBelow(string user, string resourceClass, string resource, string level, string expected)
    {
        Assert.Equal(Enum.Parse<AuthorizationDecision>(expected), await CheckAsync(user, resourceClass, resource, Enum.Parse<AccessLevel>(level)));
    }

    [Theory]
    [InlineData("APIML")]
    [InlineData("APIML.SERVICES.X")]
    [InlineData("APIML.A.B.C")]
    public async Task Check_DoubleStarProfile_CoversAnyNumberOfQualifiers(string resource)
    {
        Assert.Equal(AuthorizationDecision.Allowed, await CheckAsync("CAROL", "ZOWE", resource, AccessLevel.Read));
    }

    [Fact]
    public async Task Check_MoreSpecificProfileWithoutTheGroup_DeniesWhatTheGenericOneGrants()
    {
        // CAROL reads APIML.** through AUDITORS, but APIML.SERVICES is more specific and does not list her.
        Assert.Equal(AuthorizationDecision.Denied, await CheckAsync("CAROL", "ZOWE", "APIML.SERVICES", AccessLevel.Read));
    }

    [Fact]
    public async Task Check_NoneOnTheMostSpecificProfile_TakesAccessAway()
    {
        Assert.Equal(AuthorizationDecision.Denied, await CheckAsync("CAROL", "ZOWE", "APIML.SECRET.KEYS", AccessLevel.Read));
    }

    [Fact]
    public async Task Check_EveryoneEntry_AppliesToUsersNotListedOtherwise()
    {
        Assert.Equal(AuthorizationDecision.Allowed, await CheckAsync("ERIN", "ZOWE", "APIML.SECRET.KEYS", AccessLevel.Read));
        Assert.Equal(AuthorizationDecision.Denied, await CheckAsync("ERIN", "ZOWE", "APIML.SECRET.KEYS", AccessLevel.Update));
    }

    [Theory]
    [InlineData("APP1.ADMIN", "Allowed")]
    [InlineData("APP1.A", "Allowed")]
    [InlineData("APP12.ADMIN", "Denied")]
    [InlineData("APP1.ADMIN.X", "Denied")]
    [InlineData("APP1.BDMIN", "Denied")]
    public async Task Check_PercentAndStar_MatchWithinOneQualifier(string resource, string expected)
    {
        Assert.Equal(Enum.Parse<AuthorizationDecision>(expected), await CheckAsync("DAVE", "FACILITY", resource, AccessLevel.Control));
    }

    [Theory]
    [InlineData("APIML.SERVICES", "APIML.*")]
    [InlineData("APIML.*", "APIML.**")]
    [InlineData("APIML.SERVICES.*", "APIML.*")]
    [InlineData("APIML.S*", "APIML.*")]
    public void MoreSpecificFirst_RanksAsRacfDoes(string specific, string broader)
    {
        var a = ResourceProfile.Parse(specific)!;
        var b = ResourceProfile.Parse(broader)!;

        Assert.True(ResourceProfile.MoreSpecificFirst(a, b) < 0);
        Assert.True(ResourceProfile.MoreSpecificFirst(b, a) > 0);
    }

    [Fact]
    public void Load_MissingFile_StopsTheNodeNamingTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => FileAuthorizationProvider.Load(Path.Combine(temp.Root, "absent.yaml")));

        Assert.Equal("components.gateway.apiml.security.authorization.file.path", e.Key);
        Assert.Contains("does not exist", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules:\n  - { class: ZOWE, resource: A, access: WRITE, users: [X] }\n", "rules[0].access")]
    [InlineData("rules:\n  - { class: ZOWE, resource: A, access: READ }\n", "rules[0]: names no users and no groups")]
    [InlineData("rules:\n  - { class: ZOWE, resource: A, access: READ, groups: [NOPE] }\n", "group 'NOPE' is not defined")]
    [InlineData("rules:\n  - { class: ZOWE, resource: A..B, access: READ, users: [X] }\n", "rules[0].resource")]
    [InlineData("rules:\n  - { class: ZOWE, resource: A.B**, access: READ, users: [X] }\n", "rules[0].resource")]
    [InlineData("rules:\n  - { class: ZOWE, access: READ, users: [X] }\n", "rules[0].resource: required")]
    [InlineData("rules:\n  - { class: ZOWE, resource: A, access: READ, user: [X] }\n", "rules[0].user: unknown key")]
    [InlineData("rule: []\n", "rule: unknown key")]
    [InlineData("groups: []\nrules: []\n", "groups: expected a mapping")]
    [InlineData("groups: {}\n", "rules: required")]
    [InlineData("rules: [ {", "")]
    public void Load_BadFile_NamesTheEntryAndTheProblem(string yaml, string problem)
    {
        var file = temp.WriteFile("authorization.yaml", yaml);

        var e = Assert.Throws<ConfigException>(() => FileAuthorizationProvider.Load(file));

        Assert.Equal("components.gateway.apiml.security.authorization.file.path", e.Key);
        Assert.Contains(file, e.Problem, StringComparison.Ordinal);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    internal async Task<AuthorizationDecision> CheckAsync(string user, string resourceClass, string resource, AccessLevel level)
    {
        var provider = FileAuthorizationProvider.Load(temp.WriteFile("authorization.yaml", Rules));
        return await provider.CheckAsync(user, new ResourceCheck(resourceClass, resource, level), default);
    }
}
