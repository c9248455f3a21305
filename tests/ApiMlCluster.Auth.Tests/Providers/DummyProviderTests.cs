using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Auth.Providers.Dummy;

namespace ApiMlCluster.Auth.Tests.Providers;

public sealed class DummyProviderTests
{
    private readonly DummyProvider provider = new();

    [Theory]
    [InlineData("user")]
    [InlineData("expire")]
    public async Task AuthenticateAsync_DevelopmentUser_IsAuthenticatedInTheDummyDomain(string user)
    {
        var outcome = await provider.AuthenticateAsync(new LoginCredentials(user, user), default);

        var authenticated = Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
        Assert.Equal((user, "Dummy provider"), (authenticated.UserId, authenticated.Domain));
    }

    [Theory]
    [InlineData("user", "wrong")]
    [InlineData("USER", "user")]
    [InlineData("user", "USER")]
    [InlineData("alice", "alice")]
    [InlineData("", "")]
    public async Task AuthenticateAsync_AnythingElse_IsInvalidCredentials(string user, string password)
    {
        var outcome = await provider.AuthenticateAsync(new LoginCredentials(user, password), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_NewPassword_IsIgnored()
    {
        await provider.AuthenticateAsync(new LoginCredentials("user", "user", NewPassword: "changed"), default);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("user", "user"), default);

        Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
    }
}
