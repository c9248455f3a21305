using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Authentication;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tests.Tokens;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Authentication;

/// <summary>Session tokens minted for PAT callers: limited to the PAT's scopes and bound to its revocation and rules.</summary>
public sealed class TokenAuthenticatorTests : IDisposable
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly JwtSigningKeys keys = JwtSigningKeys.Create(TestKeys.Current, []);
    private readonly RevocationSnapshot revocations = new();
    private readonly RuleSnapshot rules = new();
    private readonly TokenAuthenticator authenticator;
    private readonly TokenIssuer issuer;

    public TokenAuthenticatorTests()
    {
        issuer = new TokenIssuer(keys, clock);
        authenticator = new TokenAuthenticator(new TokenValidator(keys, clock), revocations, rules, ApiMlCluster.Core.Cluster.AlwaysMajority.Instance);
        revocations.MarkReady();
        rules.MarkReady();
    }

    public void Dispose() => keys.Dispose();

    [Fact]
    public async Task MintedForAPat_IsScopedToThePatsServicesWithThePatsId()
    {
        var pat = issuer.IssuePersonalAccessToken("alice", TimeSpan.FromDays(1), ["svc1", "svc2"]);

        var result = await authenticator.AuthenticateAsync(issuer.IssueForPersonalAccessToken(pat.Claims, TimeSpan.FromHours(8)).Jwt);

        Assert.Equal((TokenStatus.Scoped, pat.Claims.Id), (result.Status, result.Claims!.Id));
        Assert.Equal((true, false), (result.Claims.Allows("SVC2"), result.Claims.Allows("svc3")));
    }

    [Fact]
    public void MintedForAPat_ExpiresWithThePatWhenThatIsSooner()
    {
        var pat = issuer.IssuePersonalAccessToken("alice", TimeSpan.FromHours(1), ["svc1"]);

        var minted = issuer.IssueForPersonalAccessToken(pat.Claims, TimeSpan.FromHours(8));

        Assert.Equal(pat.Claims.ExpiresAt, minted.Claims.ExpiresAt);
    }

    [Fact]
    public async Task MintedForAPat_IsRevokedWithThePat()
    {
        var pat = issuer.IssuePersonalAccessToken("alice", TimeSpan.FromDays(1), ["svc1"]);
        var minted = issuer.IssueForPersonalAccessToken(pat.Claims, TimeSpan.FromHours(8)).Jwt;

        revocations.Apply(new RevokedToken(pat.Claims.Id, pat.Claims.ExpiresAt.ToUnixTimeSeconds()));

        Assert.Equal(TokenStatus.Revoked, (await authenticator.AuthenticateAsync(minted)).Status);
    }

    [Fact]
    public async Task MintedForAPat_IsRevokedByARuleForOneOfItsScopes()
    {
        var pat = issuer.IssuePersonalAccessToken("alice", TimeSpan.FromDays(1), ["svc1", "svc2"]);
        var minted = issuer.IssueForPersonalAccessToken(pat.Claims, TimeSpan.FromHours(8)).Jwt;

        rules.Apply(new RuleEntry(RuleKind.Scope, "svc2", clock.GetUtcNow().AddSeconds(1).ToUnixTimeMilliseconds()));

        Assert.Equal(TokenStatus.Revoked, (await authenticator.AuthenticateAsync(minted)).Status);
    }

    [Fact]
    public async Task SessionToken_IsNotScoped()
    {
        var result = await authenticator.AuthenticateAsync(issuer.Issue("alice", null, TimeSpan.FromHours(8)).Jwt);

        Assert.Equal(TokenStatus.Authenticated, result.Status);
        Assert.True(result.Claims!.Allows("anything"));
    }
}
