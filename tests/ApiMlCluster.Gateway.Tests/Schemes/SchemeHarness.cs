using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Auth.Authentication;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Discovery.Registry;
using ApiMlCluster.Gateway.PassTickets;
using ApiMlCluster.Gateway.Routing;
using ApiMlCluster.Gateway.Schemes;
using ApiMlCluster.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiMlCluster.Gateway.Tests.Schemes;

/// <summary>The schemes wired as a node wires them, in memory, on a manual clock; sessions and the SAF IDT provider are fakes.</summary>
internal sealed class SchemeHarness : IDisposable
{
    public const string CookieName = "apimlAuthenticationToken";
    public static readonly string EnhancedHex = Convert.ToHexString(Enumerable.Range(0, 64).Select(i => (byte)((i * 29) + 3)).ToArray());

    private readonly X509Certificate2 signingCertificate;

    public SchemeHarness(HttpMessageHandler? safIdt = null, bool revocationReady = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=schemes-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        signingCertificate = request.CreateSelfSigned(Clock.GetUtcNow().AddDays(-1), Clock.GetUtcNow().AddDays(1));
        Keys = JwtSigningKeys.Create(signingCertificate, []);
        Issuer = new TokenIssuer(Keys, Clock);
        if (revocationReady)
        {
            Revocations.MarkReady();
        }

        PassTicketKeys = ApiMlCluster.Gateway.PassTickets.PassTicketKeys.Create(new Dictionary<string, PassTicketKeyConfig> { ["ZOWEAPPL"] = new("enhanced", EnhancedHex) });
        var auth = new AuthSettings
        {
            Provider = "dummy",
            CookieName = CookieName,
            TokenLifetime = TimeSpan.FromHours(8),
            ShortLivedUser = null,
            ShortTokenLifetime = TimeSpan.FromSeconds(50),
            AllowTokenRefresh = false,
            X509Enabled = false,
            X509MappingFile = null,
            UsersFile = "users.yaml",
            VerificationKeyFiles = [],
            Zosmf = null,
        };
        var tls = new TlsMaterial(signingCertificate, [], []);
        var credentials = new CredentialCookies(CookieName);
        var tickets = new PassTicketIssuer(new PassTicketGenerator(PassTicketKeys, Clock), PassTicketKeys, Clock);
        Minted = new MintedTokens(Issuer, Revocations, Clock, auth.TokenLifetime);
        var provider = safIdt is null ? null : new SafIdtProvider(new HttpMessageInvoker(safIdt), new Uri("https://saf.example/authenticate"), Clock, TimeSpan.FromSeconds(5));
        Schemes = new SouthboundSchemes(
            new SchemeCallers(auth, new TokenAuthenticator(new TokenValidator(Keys, Clock), Revocations, new ApiMlCluster.Auth.AccessTokens.Rules.RuleSnapshot(), ApiMlCluster.Core.Cluster.AlwaysMajority.Instance), new NoPersonalAccessTokens(), null, tls),
            credentials,
            new ZoweJwtScheme(auth, GatewaySchemeSettings.Default, credentials, Minted),
            new PassTicketScheme(GatewaySchemeSettings.Default, credentials, tickets),
            new ZosmfScheme(auth, credentials, Sessions),
            new X509Scheme(tls, credentials),
            new SafIdtScheme(credentials, tickets, provider, Clock, NullLogger<SafIdtScheme>.Instance));
    }

    public ManualClock Clock { get; } = new();

    public JwtSigningKeys Keys { get; }

    public TokenIssuer Issuer { get; }

    public RevocationSnapshot Revocations { get; } = new();

    public PassTicketKeys PassTicketKeys { get; }

    public MintedTokens Minted { get; }

    public FakeSessions Sessions { get; } = new();

    public SouthboundSchemes Schemes { get; }

    public static RoutedInstance Instance(string scheme, string? applid = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var metadata = new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
        {
            ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
            ["apiml.routes.api-v1.serviceUrl"] = "/svc/api/v1",
            ["apiml.authentication.scheme"] = scheme,
        };
        if (applid is not null)
        {
            metadata["apiml.authentication.applid"] = applid;
        }

        var info = new InstanceInfo
        {
            InstanceId = "localhost:svc:1",
            App = "SVC",
            HostName = "localhost",
            SecurePort = 1,
            SecurePortEnabled = true,
            Metadata = metadata.ToImmutableSortedDictionary(StringComparer.Ordinal),
        };
        var parsed = ServiceMetadataParser.Parse(info.Metadata, out _);
        return new RoutedInstance(info, parsed, RoutedInstance.AddressOf(info, parsed));
    }

    public static DefaultHttpContext Request(string? cookie = null, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }

        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    /// <summary>Translates for the scheme and applies the result to a proxied request, as the transformer does.</summary>
    public async Task<(SouthboundCredentials Credentials, HttpRequestMessage Proxied)> SendAsync(
        DefaultHttpContext context, string scheme, string? applid = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var credentials = await Schemes.TranslateAsync(context, Instance(scheme, applid, extra));
        var proxied = new HttpRequestMessage(HttpMethod.Get, "https://svc.example/");
        foreach (var (name, values) in context.Request.Headers)
        {
            proxied.Headers.TryAddWithoutValidation(name, values.ToArray());
        }

        credentials.ApplyTo(context, proxied);
        return (credentials, proxied);
    }

    public void Dispose()
    {
        PassTicketKeys.Dispose();
        Keys.Dispose();
        signingCertificate.Dispose();
    }

    public static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}

/// <summary>Session credentials by token id; counts reads so a test can see the cache.</summary>
internal sealed class FakeSessions : ISessionCredentials
{
    public Dictionary<Guid, IReadOnlyDictionary<string, string>> Stored { get; } = [];

    public ValueTask<IReadOnlyDictionary<string, string>?> GetAsync(Guid sessionId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Stored.TryGetValue(sessionId, out var found) ? found : (IReadOnlyDictionary<string, string>?)new Dictionary<string, string>());
}
