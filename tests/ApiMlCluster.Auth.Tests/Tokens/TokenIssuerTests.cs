using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiMlCluster.Auth.Tests.Tokens;

public sealed class TokenIssuerTests : IDisposable
{
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, 750, TimeSpan.Zero));
    private readonly JwtSigningKeys keys = JwtSigningKeys.Create(TestKeys.Current, []);

    public void Dispose() => keys.Dispose();

    [Fact]
    public void Issue_AnyUser_HeaderNamesKidAndTypJwt()
    {
        var issued = new TokenIssuer(keys, clock).Issue("alice", "Dummy provider", TimeSpan.FromHours(8));

        var token = new JsonWebToken(issued.Jwt);
        Assert.Equal(keys.CurrentKeyId, token.Kid);
        Assert.Equal("JWT", token.Typ);
        Assert.Equal("RS256", token.Alg);
    }

    [Fact]
    public void Issue_AnyUser_PayloadMatchesReturnedClaims()
    {
        var issued = new TokenIssuer(keys, clock).Issue("alice", "Dummy provider", TimeSpan.FromHours(8));

        var token = new JsonWebToken(issued.Jwt);
        var expectedIssuedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new TokenClaims(Guid.Parse(token.Id), "alice", "Dummy provider", expectedIssuedAt, expectedIssuedAt.AddHours(8)), issued.Claims);
        Assert.Equal("APIML", token.Issuer);
        Assert.Equal("alice", token.Subject);
        Assert.Equal("Dummy provider", token.GetPayloadValue<string>("dom"));
        Assert.Equal(expectedIssuedAt.ToUnixTimeSeconds(), token.GetPayloadValue<long>("iat"));
        Assert.Equal(expectedIssuedAt.AddHours(8).ToUnixTimeSeconds(), token.GetPayloadValue<long>("exp"));
    }

    [Fact]
    public void Issue_AnyUser_HasNoNbf()
    {
        var issued = new TokenIssuer(keys, clock).Issue("alice", null, TimeSpan.FromHours(8));

        Assert.False(new JsonWebToken(issued.Jwt).TryGetClaim("nbf", out _));
    }

    [Fact]
    public void Issue_NullDomain_OmitsDom()
    {
        var issued = new TokenIssuer(keys, clock).Issue("alice", null, TimeSpan.FromHours(8));

        Assert.False(new JsonWebToken(issued.Jwt).TryGetClaim("dom", out _));
        Assert.Null(issued.Claims.Domain);
    }

    [Fact]
    public async Task Issue_AfterAnotherInstanceOverSameCertificateDisposed_StillSigns()
    {
        using (var earlier = JwtSigningKeys.Create(TestKeys.Current, []))
        {
            new TokenIssuer(earlier, clock).Issue("alice", null, TimeSpan.FromHours(8));
        }

        var issued = new TokenIssuer(keys, clock).Issue("alice", null, TimeSpan.FromHours(8));

        Assert.IsType<TokenCheck.Valid>(await new TokenValidator(keys, clock).ValidateAsync(issued.Jwt));
    }

    [Fact]
    public void Issue_TwoTokens_HaveDistinctGuidJti()
    {
        var issuer = new TokenIssuer(keys, clock);

        var first = new JsonWebToken(issuer.Issue("alice", null, TimeSpan.FromHours(8)).Jwt).Id;
        var second = new JsonWebToken(issuer.Issue("alice", null, TimeSpan.FromHours(8)).Jwt).Id;

        Assert.NotEqual(first, second);
        Assert.True(Guid.TryParseExact(first, "D", out _));
    }
}
