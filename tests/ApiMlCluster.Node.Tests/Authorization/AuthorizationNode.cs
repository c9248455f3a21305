using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Authorization;

/// <summary>
/// One node for the authorization tests: the endpoint provider against a ZSS-style fake (decisions not cached, so a
/// test can change grants or take the fake down), x509 login (CN <c>alice-cert</c> → ALICE), route checks on the
/// services <c>guarded</c> (every path, APIML.GUARDED READ) and <c>partial</c> (only <c>api/v1/admin</c>, APIML.ADMIN
/// UPDATE), and an echo service registered under both plus <c>open</c>. Grants: <c>user</c> is the admin
/// (APIML.SERVICES READ) and may use guarded; ALICE may use guarded; BOB has nothing.
/// </summary>
public sealed class AuthorizationNode : IAsyncLifetime
{
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(6);
    private EchoService echo = null!;
    private HttpClient eureka = null!;

    internal RunningNode Node { get; private set; } = null!;

    internal FakeSafAuth Saf { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Presents a certificate the node's CA issued, CN alice-cert (mapped to ALICE).</summary>
    public HttpClient CertificateClient { get; private set; } = null!;

    public AuthApi Api => new(Client, GatewayPort);

    public int GatewayPort => ports[0];

    public async Task InitializeAsync()
    {
        temp.WriteFile("mapping.yaml", "mappings:\n  - cn: alice-cert\n    user: ALICE\n");
        var security = $$"""
            { auth: { provider: dummy }, x509: { enabled: true, mappingFile: mapping.yaml },
              authorization: { provider: endpoint, endpoint: { enabled: true, url: "https://localhost:{{ports[5]}}/saf-auth", cacheTtl: 0, timeout: 3000 },
                routes: [ { serviceId: guarded, resourceClass: ZOWE, resourceName: APIML.GUARDED, accessLevel: READ },
                          { serviceId: partial, path: /api/v1/admin/, resourceClass: ZOWE, resourceName: APIML.ADMIN, accessLevel: UPDATE } ] } }
            """.ReplaceLineEndings(" ");
        Node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports, security: security)), null));
        await Node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        var anchors = Node.Services.GetRequiredService<TlsMaterial>().TrustAnchors;
        var serviceCertificate = ServiceCertificates.IssueTrusted(Node.Config, temp, "localhost", "127.0.0.1");
        eureka = TrustingClient.Create(anchors, TimeSpan.FromSeconds(20), serviceCertificate);
        Client = TrustingClient.Create(anchors, TimeSpan.FromSeconds(30));
        CertificateClient = TrustingClient.Create(anchors, TimeSpan.FromSeconds(30), ServiceCertificates.IssueTrusted(Node.Config, temp, "alice-cert"));
        echo = await EchoService.StartAsync("echo", ports[4], serviceCertificate);
        Saf = await FakeSafAuth.StartAsync(ServiceCertificates.IssueTrusted(Node.Config, temp, "localhost", "127.0.0.1"), ports[5]);
        Saf.Grants["user/ZOWE/APIML.SERVICES"] = "READ";
        Saf.Grants["user/ZOWE/APIML.GUARDED"] = "READ";
        Saf.Grants["ALICE/ZOWE/APIML.GUARDED"] = "UPDATE";
        Saf.Grants["user/ZOWE/APIML.ADMIN"] = "UPDATE";

        foreach (var serviceId in new[] { "guarded", "partial", "open" })
        {
            using var response = await eureka.PostAsync(new Uri($"https://localhost:{ports[1]}/eureka/apps/{serviceId.ToUpperInvariant()}"), EurekaRegistrations.Json(serviceId, ports[4]));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        await Saf.DisposeAsync();
        await echo.DisposeAsync();
        foreach (var client in new[] { eureka, Client, CertificateClient })
        {
            client.Dispose();
        }

        await Node.DisposeAsync();
        temp.Dispose();
    }

    public Uri Gateway(string path) => new($"https://localhost:{GatewayPort}{path}");

    /// <summary>A valid session token for <paramref name="user"/>, signed by the node (the dummy login knows only <c>user</c>).</summary>
    internal string TokenFor(string user) =>
        Node.Services.GetRequiredService<TokenIssuer>().Issue(user, null, TimeSpan.FromHours(1)).Jwt;

    internal static void Basic(HttpRequestMessage request, string user, string password) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    internal static void Bearer(HttpRequestMessage request, string token) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Makes the fake answer 500 until the returned scope ends.</summary>
    internal IDisposable SafDown()
    {
        Saf.FailWithStatus = 500;
        return new Restore(() => Saf.FailWithStatus = null);
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>The check endpoint, route check and audit tests share one <see cref="AuthorizationNode"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AuthorizationCollection : ICollectionFixture<AuthorizationNode>
{
    public const string Name = "authorization-node";
}
