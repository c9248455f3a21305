using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Auth.AccessTokens;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.AccessTokens;

/// <summary>Judging a PAT from local state: readiness, scope, revocation by id and by rule.</summary>
public sealed class PersonalAccessTokenCheckTests : IDisposable
{
    private readonly ManualClock clock = new();
    private readonly JwtSigningKeys keys;
    private readonly TokenIssuer issuer;
    private readonly RevocationSnapshot revocations = new();
    private readonly RuleSnapshot rules = new();
    private readonly PersonalAccessTokenCheck check;

    public PersonalAccessTokenCheckTests()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=pat-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        keys = JwtSigningKeys.Create(certificate, []);
        issuer = new TokenIssuer(keys, clock);
        check = new PersonalAccessTokenCheck(new TokenValidator(keys, clock), revocations, rules, ApiMlCluster.Core.Cluster.AlwaysMajority.Instance);
    }

    public void Dispose() => keys.Dispose();

    [Fact]
    public async Task Check_BeforeRevocationsAndRulesAreLoaded_IsNotReady()
    {
        var pat = issuer.IssuePersonalAccessToken("alice", TimeSpan.FromDays(1), ["svc"]).Jwt;

        Assert.Equal(PatStatus.NotReady, (await check.CheckAsync(pat, "svc")).Status);
        revocations.MarkReady();
        Assert.Equal(PatStatus.NotReady, (await check.CheckAsync(pat, "svc")).Status);
        rules.MarkReady();
        Assert.Equal(PatStatus.Valid, (await check.CheckAsync(pat, "svc")).Status);
    }

    [Fact]
    public async Task Check_ScopesRevocationsAndRules()
    {
        revocations.MarkReady();
        rules.MarkReady();
        var pat = issuer.IssuePersonalAccessToken("alice", TimeSpan.FromDays(1), ["svc", "other"]);
        var session = issuer.Issue("alice", null, TimeSpan.FromHours(1)).Jwt;

        Assert.Equal(PatStatus.Valid, (await check.CheckAsync(pat.Jwt, "SVC")).Status);
        Assert.Equal(PatStatus.NotInScope, (await check.CheckAsync(pat.Jwt, "third")).Status);
        Assert.Equal(PatStatus.Invalid, (await check.CheckAsync(session, "svc")).Status);

        rules.Apply(new RuleEntry(RuleKind.Scope, "other", pat.Claims.IssuedAt.ToUnixTimeMilliseconds() - 1));
        Assert.Equal(PatStatus.Valid, (await check.CheckAsync(pat.Jwt, "svc")).Status);
        rules.Apply(new RuleEntry(RuleKind.Scope, "other", pat.Claims.IssuedAt.ToUnixTimeMilliseconds()));
        Assert.Equal(PatStatus.Revoked, (await check.CheckAsync(pat.Jwt, "svc")).Status);

        var second = issuer.IssuePersonalAccessToken("bob", TimeSpan.FromDays(1), ["svc"]);
        revocations.Apply(new ApiMlCluster.Auth.Revocation.RevokedToken(second.Claims.Id, second.Claims.ExpiresAt.ToUnixTimeSeconds()));
        Assert.Equal(PatStatus.Revoked, (await check.CheckAsync(second.Jwt, "svc")).Status);

        var fresh = issuer.IssuePersonalAccessToken("carol", TimeSpan.FromDays(1), ["svc"]).Jwt;
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(PatStatus.Expired, (await check.CheckAsync(fresh, "svc")).Status);
    }
}
