namespace ApiMlCluster.Gateway.Tests.Schemes;

public sealed class MintedTokensTests : IDisposable
{
    private readonly SchemeHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void For_SameUserWithinHalfTheLifetime_ReusesTheToken()
    {
        var first = harness.Minted.For("ALICE");
        harness.Clock.Advance(TimeSpan.FromHours(3.9));

        Assert.Equal(first, harness.Minted.For("alice"));
    }

    [Fact]
    public void For_AfterHalfTheLifetime_MintsANewToken()
    {
        var first = harness.Minted.For("ALICE");
        harness.Clock.Advance(TimeSpan.FromHours(4.1));

        Assert.NotEqual(first, harness.Minted.For("ALICE"));
    }

    [Fact]
    public void For_CachedTokenRevoked_MintsANewToken()
    {
        var first = harness.Minted.For("ALICE");
        harness.Revocations.Apply(new ApiMlCluster.Auth.Revocation.RevokedToken(Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(first).Id), long.MaxValue));

        Assert.NotEqual(first, harness.Minted.For("ALICE"));
    }
}
