using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Auth.Tests.Providers;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiMlCluster.Auth.Tests.Authorization;

/// <summary>The endpoint provider against a ZSS-style fake over real TLS; one fake per class, reset per test.</summary>
public sealed class EndpointAuthorizationProviderTests(ZosmfCertificates certificates) : IClassFixture<ZosmfCertificates>, IAsyncLifetime
{
    private static readonly ResourceCheck ReadServices = new("ZOWE", "APIML.SERVICES", AccessLevel.Read);
    private readonly TlsMaterial tls = certificates.NodeTls();
    private readonly ManualClock clock = new();
    private FakeSafAuth saf = null!;

    public async Task InitializeAsync()
    {
        saf = await FakeSafAuth.StartAsync(certificates.Zosmf);
        saf.Grants["ALICE/ZOWE/APIML.SERVICES"] = "UPDATE";
    }

    public async Task DisposeAsync()
    {
        await saf.DisposeAsync();
        tls.Dispose();
    }

    [Fact]
    public async Task Check_Granted_AllowedUpToTheGrantedLevel()
    {
        using var provider = Provider();

        Assert.Equal(AuthorizationDecision.Allowed, await provider.CheckAsync("ALICE", ReadServices, default));
        Assert.Equal(AuthorizationDecision.Allowed, await provider.CheckAsync("ALICE", ReadServices with { Level = AccessLevel.Update }, default));
        Assert.Equal(AuthorizationDecision.Denied, await provider.CheckAsync("ALICE", ReadServices with { Level = AccessLevel.Control }, default));
        Assert.Equal(AuthorizationDecision.Denied, await provider.CheckAsync("BOB", ReadServices, default));
    }

    [Fact]
    public async Task Check_AsksZowesUrlLayoutAndPresentsTheNodeCertificate()
    {
        using var provider = Provider();

        await provider.CheckAsync("ALICE", ReadServices with { Level = AccessLevel.Alter }, default);

        Assert.Equal("/saf-auth/ALICE/ZOWE/APIML.SERVICES/ALTER", Assert.Single(saf.Paths));
        Assert.StartsWith("CN=node,", Assert.Single(saf.ClientCertificates), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SameQuestionWithinTtl_AnsweredFromTheCache()
    {
        using var provider = Provider();

        await provider.CheckAsync("ALICE", ReadServices, default);
        saf.Grants.Clear();
        var second = await provider.CheckAsync("ALICE", ReadServices, default);

        Assert.Equal((AuthorizationDecision.Allowed, 1), (second, saf.Calls));
    }

    [Fact]
    public async Task Check_AfterTtl_AsksAgain()
    {
        using var provider = Provider();
        await provider.CheckAsync("ALICE", ReadServices, default);
        saf.Grants.Clear();

        clock.Advance(TimeSpan.FromSeconds(11));
        var later = await provider.CheckAsync("ALICE", ReadServices, default);

        Assert.Equal((AuthorizationDecision.Denied, 2), (later, saf.Calls));
    }

    [Fact]
    public async Task Cache_Full_StaysWithinItsCapacity()
    {
        using var provider = Provider(cacheSize: 2);

        foreach (var user in new[] { "A", "B", "C", "D", "E" })
        {
            await provider.CheckAsync(user, ReadServices, default);
        }

        Assert.InRange(provider.Cache.Count, 1, 2);
    }

    [Fact]
    public async Task Check_EndpointDown_UnavailableAndNotCached()
    {
        var port = saf.Port;
        await saf.DisposeAsync();
        using var provider = Provider(url: new Uri($"https://localhost:{port}/saf-auth"));

        Assert.Equal(AuthorizationDecision.Unavailable, await provider.CheckAsync("ALICE", ReadServices, default));
        Assert.Equal(0, provider.Cache.Count);
        saf = await FakeSafAuth.StartAsync(certificates.Zosmf);
    }

    [Fact]
    public async Task Check_EndpointSlowerThanTheTimeout_Unavailable()
    {
        saf.Delay = TimeSpan.FromSeconds(5);
        using var provider = Provider(timeout: TimeSpan.FromMilliseconds(300));

        Assert.Equal(AuthorizationDecision.Unavailable, await provider.CheckAsync("ALICE", ReadServices, default));
    }

    [Fact]
    public async Task Check_EndpointAnswers500_Unavailable()
    {
        saf.FailWithStatus = 500;
        using var provider = Provider();

        Assert.Equal(AuthorizationDecision.Unavailable, await provider.CheckAsync("ALICE", ReadServices, default));
    }

    [Fact]
    public async Task Check_EndpointReportsAnError_UnavailableRatherThanDenied()
    {
        saf.ReportError = true;
        using var provider = Provider();

        Assert.Equal(AuthorizationDecision.Unavailable, await provider.CheckAsync("ALICE", ReadServices, default));
    }

    [Fact]
    public async Task Check_EndpointCertificateNotTrusted_Unavailable()
    {
        await using var untrusted = await FakeSafAuth.StartAsync(certificates.FromUntrustedCa);
        untrusted.Grants["ALICE/ZOWE/APIML.SERVICES"] = "READ";
        using var provider = Provider(url: untrusted.BaseUrl);

        Assert.Equal(AuthorizationDecision.Unavailable, await provider.CheckAsync("ALICE", ReadServices, default));
        Assert.Equal(0, untrusted.Calls);
    }

    private EndpointAuthorizationProvider Provider(Uri? url = null, TimeSpan? timeout = null, int cacheSize = 100) =>
        new(new AuthorizationEndpointSettings(url ?? saf.BaseUrl, timeout ?? TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), cacheSize), tls, clock, NullLogger.Instance);
}
