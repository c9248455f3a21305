using System.Net;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Discovery;

/// <summary>
/// Registration with the operator's <c>registration.owners</c>, the production setting: only listed services, only
/// by their listed certificates (here by CN for alice and bob, by full DN for carol).
/// </summary>
public sealed class ListedOwnersTests(ListedOwnersTests.ListedOwnersNode node) : IClassFixture<ListedOwnersTests.ListedOwnersNode>
{
    [Fact]
    public async Task Register_ListedCertificates_ShareTheService()
    {
        using var alice = await RegisterAsync("alice", "petstore", 1);
        using var bob = await RegisterAsync("bob", "petstore", 2);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (alice.StatusCode, bob.StatusCode));
    }

    [Fact]
    public async Task Register_ListedByDistinguishedName_Is204()
    {
        using var response = await RegisterAsync("carol", "ledger", 3);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Register_CertificateNotListedForTheService_Is403()
    {
        using var response = await RegisterAsync("mallory", "petstore", 4);

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAD807E");
    }

    [Fact]
    public async Task Register_ServiceNobodyIsListedFor_Is403()
    {
        using var response = await RegisterAsync("alice", "unlisted", 5);

        await AuthApi.MessageAsync(response, HttpStatusCode.Forbidden, "ZWEAD807E");
    }

    [Fact]
    public async Task Change_ListedCertificate_ManagesAnotherListedCertificatesInstance()
    {
        (await RegisterAsync("alice", "petstore", 6)).Dispose();

        using var cancel = await node.Client("bob").DeleteAsync(Url("/eureka/apps/PETSTORE/localhost:petstore:6"));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
    }

    private Task<HttpResponseMessage> RegisterAsync(string commonName, string serviceId, int port) =>
        node.Client(commonName).PostAsync(Url($"/eureka/apps/{serviceId.ToUpperInvariant()}"), EurekaRegistrations.Json(serviceId, port));

    private Uri Url(string path) => new($"https://localhost:{node.Ports[1]}{path}");

    public sealed class ListedOwnersNode : IAsyncLifetime
    {
        private readonly TempWorkspace temp = new();
        private readonly Dictionary<string, HttpClient> clients = [];
        private RunningNode running = null!;

        public int[] Ports { get; } = FreePorts.Take(4);

        public async Task InitializeAsync()
        {
            const string policy = "{ registration: { owners: { petstore: [alice, bob], ledger: [\"CN=carol, OU=API Mediation Layer, O=ApiMlCluster\"] } } }";
            running = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", ZoweYaml.SingleNode(Ports, discoverySecurity: policy)), null));
            await running.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        }

        /// <summary>A client with a service certificate for <paramref name="commonName"/> from the node's CA.</summary>
        public HttpClient Client(string commonName)
        {
            lock (clients)
            {
                if (!clients.TryGetValue(commonName, out var client))
                {
                    var tls = running.Services.GetRequiredService<TlsMaterial>();
                    client = TrustingClient.Create(tls.TrustAnchors, TimeSpan.FromSeconds(20), ServiceCertificates.IssueTrusted(running.Config, temp, commonName));
                    clients[commonName] = client;
                }

                return client;
            }
        }

        public async Task DisposeAsync()
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }

            await running.DisposeAsync();
            temp.Dispose();
        }
    }
}
