using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiMlCluster.Auth;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Gateway.PassTickets;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>
/// One node shared by the scheme tests: dummy provider, x509 login with a mapping (CN <c>alice-cert</c> → ALICE),
/// PassTicket keys for ZOWEAPPL (enhanced) and TSO (legacy), custom JWT and PassTicket headers, a fake SAF IDT
/// provider, and one echo service registered under a service id per scheme.
/// </summary>
public sealed class SchemeNode : IAsyncLifetime
{
    public static readonly string EnhancedKey = Convert.ToHexString(Enumerable.Range(0, 64).Select(i => (byte)((i * 53) + 7)).ToArray());
    public const string LegacyKey = "0E329232EA6D0D73";
    public const string JwtHeader = "X-Zowe-Jwt";
    public const string UserHeader = "X-Pt-User";
    public const string TicketHeader = "X-Pt-Ticket";

    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(6);
    private EchoService echo = null!;
    private FakeSafIdt saf = null!;
    private HttpClient eureka = null!;

    internal RunningNode Node { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Presents a certificate the node's CA issued, CN alice-cert (mapped to ALICE).</summary>
    public HttpClient CertificateClient { get; private set; } = null!;

    /// <summary>Presents the certificate that registers this fixture's services (the one their APPLIDs are listed for).</summary>
    public HttpClient ServiceClient { get; private set; } = null!;

    /// <summary>Presents a self-signed certificate, CN mallory.</summary>
    public HttpClient UntrustedClient { get; private set; } = null!;

    public X509Certificate2 ClientCertificate { get; private set; } = null!;

    public AuthApi Api => new(Client, GatewayPort);

    internal FakeSafIdt Saf => saf;

    public int GatewayPort => ports[0];

    /// <summary>The services that this fixture's (non-node) certificate registers with an APPLID.</summary>
    private const string Applids = "{ registration: { applids: { ptsvc: [ZOWEAPPL], legacysvc: [TSO], ptunknown: [NOKEY], idtsvc: [ZOWEAPPL] } } }";

    public async Task InitializeAsync()
    {
        temp.WriteFile("mapping.yaml", "mappings:\n  - cn: alice-cert\n    user: ALICE\n");
        temp.WriteFile("saf.yml", "safAccess:\n  ZOWE:\n    APIML.SERVICES:\n      READ: [user]\n");
        var security = $$"""
            { auth: { provider: dummy, jwt: { customAuthHeader: {{JwtHeader}} }, passticket: { customUserHeader: {{UserHeader}}, customAuthHeader: {{TicketHeader}} } },
              x509: { enabled: true, mappingFile: mapping.yaml }, authorization: { dummy: { file: saf.yml } },
              passTicket: { keys: { ZOWEAPPL: { algorithm: enhanced, secret: {{EnhancedKey}} }, TSO: { algorithm: legacy, secret: {{LegacyKey}} } } },
              saf: { urls: { authenticate: "https://localhost:{{ports[5]}}{{FakeSafIdt.Path}}" } } }
            """.ReplaceLineEndings(" ");
        Node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports, security: security, discoverySecurity: Applids)), null));
        await Node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        var anchors = Node.Services.GetRequiredService<TlsMaterial>().TrustAnchors;
        var serviceCertificate = ServiceCertificates.IssueTrusted(Node.Config, temp, "localhost", "127.0.0.1");
        ClientCertificate = ServiceCertificates.IssueTrusted(Node.Config, temp, "alice-cert");
        eureka = TrustingClient.Create(anchors, TimeSpan.FromSeconds(20), serviceCertificate);
        ServiceClient = TrustingClient.Create(anchors, TimeSpan.FromSeconds(30), serviceCertificate);
        Client = TrustingClient.Create(anchors, TimeSpan.FromSeconds(30));
        CertificateClient = TrustingClient.Create(anchors, TimeSpan.FromSeconds(30), ClientCertificate);
        UntrustedClient = TrustingClient.Create(anchors, TimeSpan.FromSeconds(30), ServiceCertificates.SelfSigned("mallory"));
        echo = await EchoService.StartAsync("echo", ports[4], serviceCertificate);
        // Its own certificate: two servers in one process with one certificate share TLS sessions, and a session
        // resumed at the other server would carry (or lack) the gateway's client certificate.
        saf = await FakeSafIdt.StartAsync(ports[5], ServiceCertificates.IssueTrusted(Node.Config, temp, "localhost", "127.0.0.1"), NewEvaluator());

        await RegisterAsync("bypasssvc", "bypass");
        await RegisterAsync("passsvc", "bypass", passCredentials: true);
        await RegisterAsync("jwtsvc", "zoweJwt");
        await RegisterAsync("ptsvc", "httpBasicPassTicket", applid: "ZOWEAPPL");
        await RegisterAsync("legacysvc", "httpBasicPassTicket", applid: "TSO");
        await RegisterAsync("ptnoapplid", "httpBasicPassTicket");
        await RegisterAsync("ptunknown", "httpBasicPassTicket", applid: "NOKEY");
        await RegisterAsync("zosmfsvc", "zosmf");
        await RegisterAsync("x509svc", "x509");
        await RegisterAsync("x509cn", "x509", headers: "X-Certificate-CommonName");
        await RegisterAsync("idtsvc", "safIdt", applid: "ZOWEAPPL");
        await RegisterAsync("patscopesvc", "zoweJwt");
    }

    public async Task DisposeAsync()
    {
        await saf.DisposeAsync();
        await echo.DisposeAsync();
        foreach (var client in new[] { eureka, Client, ServiceClient, CertificateClient, UntrustedClient })
        {
            client.Dispose();
        }

        await Node.DisposeAsync();
        temp.Dispose();
    }

    /// <summary>A fresh evaluator (its own replay memory) with the node's keys.</summary>
    internal static PassTicketEvaluator NewEvaluator() => new(Keys(), TimeProvider.System);

    internal static PassTicketKeys Keys() => PassTicketKeys.Create(new Dictionary<string, PassTicketKeyConfig>
    {
        ["ZOWEAPPL"] = new("enhanced", EnhancedKey),
        ["TSO"] = new("legacy", LegacyKey),
    });

    /// <summary>A token the node's key signed but whose lifetime ended an hour ago.</summary>
    internal string ExpiredToken() =>
        new TokenIssuer(Node.Services.GetRequiredService<JwtSigningKeys>(), new ManualClock(DateTimeOffset.UtcNow.AddHours(-2)))
            .Issue("user", null, TimeSpan.FromHours(1)).Jwt;

    /// <summary>A well-formed token signed by a key the node does not know.</summary>
    internal static string ForgedToken()
    {
        using var certificate = ServiceCertificates.SelfSigned("forger");
        using var keys = JwtSigningKeys.Create(certificate, []);
        return new TokenIssuer(keys, TimeProvider.System).Issue("user", null, TimeSpan.FromHours(1)).Jwt;
    }

    /// <summary>A valid token whose session holds the given southbound credentials, as a zosmf-provider login leaves it.</summary>
    internal async Task<string> SessionTokenAsync(IReadOnlyDictionary<string, string> southbound)
    {
        var issued = Node.Services.GetRequiredService<TokenIssuer>().Issue("user", "SAFRealm", TimeSpan.FromHours(1));
        var claims = issued.Claims;
        var started = await Node.Services.GetRequiredService<AuthWrites>().StartSessionAsync(claims.Id, claims.UserId, claims.ExpiresAt.ToUnixTimeSeconds(), southbound);
        Assert.Equal(WriteOutcome.Done, started);
        return issued.Jwt;
    }

    public Uri Gateway(string path) => new($"https://localhost:{GatewayPort}{path}");

    /// <summary>Sends through the gateway and returns what the echo service received, with the gateway's response.</summary>
    public async Task<Received> SendAsync(string serviceId, HttpClient? client = null, string? cookie = null, string? bearer = null, Action<HttpRequestMessage>? shape = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Gateway($"/{serviceId}/api/v1/hello"));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        shape?.Invoke(request);
        using var response = await (client ?? Client).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var echoed = JsonDocument.Parse(text).RootElement;
        var headers = echoed.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var failure = response.Headers.TryGetValues("X-Zowe-Auth-Failure", out var values) ? string.Join(",", values) : null;
        return new Received(headers, failure);
    }

    private async Task RegisterAsync(string serviceId, string scheme, string? applid = null, string? headers = null, bool passCredentials = false)
    {
        var metadata = new Dictionary<string, string>
        {
            ["apiml.routes.api-v1.gatewayUrl"] = "api/v1",
            ["apiml.routes.api-v1.serviceUrl"] = $"/{serviceId}/api/v1",
            ["apiml.authentication.scheme"] = scheme,
            ["version"] = "2.0.0",
        };
        if (applid is not null)
        {
            metadata["apiml.authentication.applid"] = applid;
        }

        if (headers is not null)
        {
            metadata["apiml.authentication.headers"] = headers;
        }

        if (passCredentials)
        {
            metadata["apiml.authentication.passCredentials"] = "true";
        }

        using var response = await eureka.PostAsync(new Uri($"https://localhost:{ports[1]}/eureka/apps/{serviceId.ToUpperInvariant()}"), EurekaRegistrations.Json(serviceId, ports[4], metadata));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}

/// <summary>The headers the service received, and the gateway's <c>X-Zowe-Auth-Failure</c> response header.</summary>
public sealed record Received(IReadOnlyDictionary<string, string> Headers, string? ResponseFailure)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? RequestFailure => Header("X-Zowe-Auth-Failure");

    /// <summary>The cookies the service received, by name.</summary>
    public IReadOnlyDictionary<string, string> Cookies => (Header("Cookie") ?? string.Empty)
        .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
}
