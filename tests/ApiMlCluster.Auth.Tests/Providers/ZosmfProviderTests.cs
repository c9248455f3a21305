using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Auth.Providers.Zosmf;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiMlCluster.Auth.Tests.Providers;

public sealed class ZosmfProviderTests(ZosmfCertificates certificates) : IClassFixture<ZosmfCertificates>, IAsyncLifetime
{
    private const string Password = "s3cret-Pa55";

    private readonly TlsMaterial tls = certificates.NodeTls();
    private readonly List<ZosmfProvider> providers = [];
    private FakeZosmf zosmf = null!;

    public async Task InitializeAsync()
    {
        zosmf = await FakeZosmf.StartAsync(certificates.Zosmf);
        zosmf.Users["ALICE"] = Password;
    }

    public async Task DisposeAsync()
    {
        providers.ForEach(p => p.Dispose());
        tls.Dispose();
        await zosmf.DisposeAsync();
    }

    [Fact]
    public async Task AuthenticateAsync_GoodCredentials_IsAuthenticatedWithTheJwtKept()
    {
        var outcome = await Provider().AuthenticateAsync(new LoginCredentials("alice", Password), default);

        var authenticated = Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
        Assert.Equal(zosmf.IssuedTokens.Single(), authenticated.SouthboundCredentials[SouthboundCredentialNames.ZosmfJwt]);
    }

    [Fact]
    public async Task AuthenticateAsync_GoodCredentials_DomainIsTheRealmFromInfo()
    {
        zosmf.Realm = "PLEXREALM";

        var outcome = await Provider().AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.Equal("PLEXREALM", Assert.IsType<AuthenticationOutcome.Authenticated>(outcome).Domain);
    }

    [Fact]
    public async Task AuthenticateAsync_SecondLogin_DoesNotAskInfoAgain()
    {
        var provider = Provider();

        await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);
        await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.Equal(1, zosmf.InfoRequests);
    }

    [Fact]
    public async Task AuthenticateAsync_InfoFails_DomainFallsBackToSafRealm()
    {
        zosmf.InfoFailsWithStatus = 500;

        var outcome = await Provider().AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.Equal(ZosmfProvider.FallbackDomain, Assert.IsType<AuthenticationOutcome.Authenticated>(outcome).Domain);
    }

    [Fact]
    public async Task AuthenticateAsync_InfoFailedAndRetryIntervalPassed_AsksInfoAgain()
    {
        var clock = new ManualClock();
        var provider = Provider(clock: clock);
        zosmf.InfoFailsWithStatus = 500;
        await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);
        zosmf.InfoFailsWithStatus = null;
        clock.Advance(ZosmfProvider.RealmRetryInterval);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.Equal(zosmf.Realm, Assert.IsType<AuthenticationOutcome.Authenticated>(outcome).Domain);
    }

    [Fact]
    public async Task AuthenticateAsync_WrongPassword_IsInvalidCredentials()
    {
        var outcome = await Provider().AuthenticateAsync(new LoginCredentials("alice", "wrong"), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_LtpaModeAndOnlyLtpaReturned_IsAuthenticatedWithTheLtpaTokenKept()
    {
        zosmf.ReturnJwt = false;
        zosmf.ReturnLtpa = true;

        var outcome = await Provider(ZosmfTokenMode.Ltpa).AuthenticateAsync(new LoginCredentials("alice", Password), default);

        var authenticated = Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
        Assert.Equal(zosmf.IssuedTokens.Single(), Assert.Single(authenticated.SouthboundCredentials, c => c.Key == SouthboundCredentialNames.ZosmfLtpa).Value);
    }

    [Fact]
    public async Task AuthenticateAsync_BothCookiesReturned_KeepsBoth()
    {
        zosmf.ReturnLtpa = true;

        var outcome = await Provider().AuthenticateAsync(new LoginCredentials("alice", Password), default);

        var kept = Assert.IsType<AuthenticationOutcome.Authenticated>(outcome).SouthboundCredentials;
        Assert.Equal([SouthboundCredentialNames.ZosmfJwt, SouthboundCredentialNames.ZosmfLtpa], kept.Keys.Order());
    }

    [Fact]
    public async Task AuthenticateAsync_JwtModeButOnlyLtpaReturned_IsInvalidTokenType()
    {
        zosmf.ReturnJwt = false;
        zosmf.ReturnLtpa = true;

        var outcome = await Provider(ZosmfTokenMode.Jwt).AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.IsType<AuthenticationOutcome.InvalidTokenType>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_LtpaModeButOnlyJwtReturned_IsInvalidTokenType()
    {
        var outcome = await Provider(ZosmfTokenMode.Ltpa).AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.IsType<AuthenticationOutcome.InvalidTokenType>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_ZosmfStopped_IsUnavailable()
    {
        var provider = Provider();
        await zosmf.StopAsync();

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.Contains("connection refused", Assert.IsType<AuthenticationOutcome.Unavailable>(outcome).Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_Unavailable_ReasonNamesTheUrlButNotThePassword()
    {
        var provider = Provider();
        await zosmf.StopAsync();

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);

        var reason = Assert.IsType<AuthenticationOutcome.Unavailable>(outcome).Reason;
        Assert.Contains($"https://127.0.0.1:{zosmf.Port}/zosmf/services/authenticate", reason);
        Assert.DoesNotContain(Password, reason);
    }

    [Fact]
    public async Task AuthenticateAsync_CertificateFromUntrustedCa_IsUnavailableWithoutSendingCredentials()
    {
        await using var impostor = await FakeZosmf.StartAsync(certificates.FromUntrustedCa);
        impostor.Users["ALICE"] = Password;

        var outcome = await Provider(settings: impostor.Settings(ZosmfTokenMode.Jwt)).AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.Contains("TLS", Assert.IsType<AuthenticationOutcome.Unavailable>(outcome).Reason);
        Assert.Equal(0, impostor.Logins);
    }

    [Fact]
    public async Task AuthenticateAsync_CertificateForAnotherHost_IsUnavailable()
    {
        await using var other = await FakeZosmf.StartAsync(certificates.OtherHost);
        other.Users["ALICE"] = Password;

        var outcome = await Provider(settings: other.Settings(ZosmfTokenMode.Jwt)).AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.IsType<AuthenticationOutcome.Unavailable>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_ServerError_IsUnavailable()
    {
        zosmf.FailWithStatus = 500;

        var outcome = await Provider().AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.Contains("500", Assert.IsType<AuthenticationOutcome.Unavailable>(outcome).Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_NoAnswerWithinTimeout_IsUnavailable()
    {
        zosmf.AuthenticateDelay = TimeSpan.FromSeconds(30);

        var outcome = await Provider(timeout: TimeSpan.FromMilliseconds(300)).AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.Contains("timed out", Assert.IsType<AuthenticationOutcome.Unavailable>(outcome).Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_CallerCancels_Throws()
    {
        zosmf.AuthenticateDelay = TimeSpan.FromSeconds(30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Provider().AuthenticateAsync(new LoginCredentials("alice", Password), cancel.Token));
    }

    [Fact]
    public async Task AuthenticateAsync_AnyOutcome_NeverLogsThePassword()
    {
        var logger = new RecordingLogger<ZosmfProvider>();
        var provider = Provider(logger: logger);
        zosmf.ReturnJwt = false;
        await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);
        await provider.AuthenticateAsync(new LoginCredentials("alice", Password, NewPassword: "n3w-" + Password), default);
        await zosmf.StopAsync();

        await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);

        Assert.NotEmpty(logger.Lines);
        Assert.DoesNotContain(logger.Lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndSessionAsync_AfterLogin_SendsDeleteWithTheToken()
    {
        var provider = Provider();
        var outcome = (AuthenticationOutcome.Authenticated)await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);

        await provider.EndSessionAsync(outcome.SouthboundCredentials, default);

        Assert.Equal(1, zosmf.Deletes);
        Assert.Equal($"jwtToken={zosmf.IssuedTokens.Single()}", zosmf.DeletedCookies.Single());
    }

    [Fact]
    public async Task EndSessionAsync_ZosmfStopped_DoesNotThrow()
    {
        var provider = Provider();
        var outcome = (AuthenticationOutcome.Authenticated)await provider.AuthenticateAsync(new LoginCredentials("alice", Password), default);
        await zosmf.StopAsync();

        await provider.EndSessionAsync(outcome.SouthboundCredentials, default);
    }

    [Fact]
    public async Task EndSessionAsync_NoZosmfToken_SendsNothing()
    {
        await Provider().EndSessionAsync(new Dictionary<string, string>(), default);

        Assert.Equal(0, zosmf.Deletes);
    }

    [Fact]
    public async Task AuthenticateAsync_NewPassword_ChangesItAndLogsInWithIt()
    {
        var outcome = await Provider().AuthenticateAsync(new LoginCredentials("alice", Password, NewPassword: "n3w-Pass"), default);

        Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
        Assert.Equal(1, zosmf.PasswordChanges);
        Assert.Equal("n3w-Pass", zosmf.Users["ALICE"]);
    }

    [Fact]
    public async Task AuthenticateAsync_NewPasswordWithWrongOldPassword_IsInvalidCredentials()
    {
        var outcome = await Provider().AuthenticateAsync(new LoginCredentials("alice", "wrong", NewPassword: "n3w-Pass"), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
        Assert.Equal(Password, zosmf.Users["ALICE"]);
    }

    private ZosmfProvider Provider(
        ZosmfTokenMode mode = ZosmfTokenMode.Jwt,
        ZosmfSettings? settings = null,
        TimeProvider? clock = null,
        TimeSpan? timeout = null,
        RecordingLogger<ZosmfProvider>? logger = null)
    {
        var provider = new ZosmfProvider(
            settings ?? zosmf.Settings(mode),
            tls,
            clock ?? TimeProvider.System,
            logger ?? (Microsoft.Extensions.Logging.ILogger<ZosmfProvider>)NullLogger<ZosmfProvider>.Instance,
            timeout ?? TimeSpan.FromSeconds(10));
        providers.Add(provider);
        return provider;
    }
}
