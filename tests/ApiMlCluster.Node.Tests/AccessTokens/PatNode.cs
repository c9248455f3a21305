using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ApiMlCluster.Auth.Providers.FileStore;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.AccessTokens;

/// <summary>
/// One node shared by the PAT endpoint tests: the file provider (so an unknown user can be told apart), x509 login
/// (CN <c>pat-cert</c> → ALICE) and Zowe's dummy SAF file granting READ to READER and UPDATE to ADMIN on
/// <c>ZOWE APIML.SERVICES</c>. Tests that make rules use their own users, so they do not revoke each other's PATs.
/// </summary>
public sealed class PatNode : IAsyncLifetime
{
    public const string Password = "pat-Pw-1";
    public static readonly string[] Users = ["ALICE", "BOB", "CAROL", "DAVE", "ADMIN", "READER"];

    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(4);

    internal RunningNode Node { get; private set; } = null!;

    public HttpClient CertificateClient { get; private set; } = null!;

    public int GatewayPort => ports[0];

    public async Task InitializeAsync()
    {
        var users = new UsersFile(Path.Combine(temp.Root, "users.yaml"));
        foreach (var user in Users)
        {
            users.Add(user, Password);
        }

        temp.WriteFile("mapping.yaml", "mappings:\n  - cn: pat-cert\n    user: ALICE\n");
        temp.WriteFile("saf.yml", "safAccess:\n  ZOWE:\n    APIML.SERVICES:\n      READ: [READER]\n      UPDATE: [ADMIN]\n");
        const string security = "{ auth: { provider: file, file: { usersFile: users.yaml } }, x509: { enabled: true, mappingFile: mapping.yaml }, authorization: { dummy: { file: saf.yml } }, rateLimit: { accessToken: { capacity: 0 } } }";
        Node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(ports, security: security)), null));
        await Node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(60));
        var anchors = Node.Services.GetRequiredService<TlsMaterial>().TrustAnchors;
        CertificateClient = TrustingClient.Create(anchors, TimeSpan.FromSeconds(30), ServiceCertificates.IssueTrusted(Node.Config, temp, "pat-cert"));
    }

    public async Task DisposeAsync()
    {
        CertificateClient.Dispose();
        await Node.DisposeAsync();
        temp.Dispose();
    }

    public Uri Url(string path, string prefix = "/gateway/api/v1/auth") => new($"https://localhost:{GatewayPort}{prefix}{path}");

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? user = null, string? password = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(method, Url(path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password ?? Password}")));
        }

        return (client ?? Node.Client).SendAsync(request);
    }

    /// <summary>A PAT for the user, failing the test unless generation answers 200.</summary>
    public async Task<string> GenerateAsync(string user, params string[] scopes)
    {
        using var response = await SendAsync(HttpMethod.Post, "/access-token/generate", $$"""{"validity":30,"scopes":[{{string.Join(",", scopes.Select(s => $"\"{s}\""))}}]}""", user);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"generate answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public async Task<System.Net.HttpStatusCode> ValidateAsync(string token, string serviceId)
    {
        using var response = await SendAsync(HttpMethod.Post, "/access-token/validate", $$"""{"token":"{{token}}","serviceId":"{{serviceId}}"}""");
        return response.StatusCode;
    }

    internal X509Certificate2 Issue(string commonName) => ServiceCertificates.IssueTrusted(Node.Config, temp, commonName);
}
