using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Gateway;

/// <summary>
/// One real node shared by the tests of a class, with echo services registered through its Eureka API. Each test
/// registers services under its own ids, so tests sharing the node do not see each other's services.
/// <see cref="ServiceSettings"/> is the flow mapping of <c>components.gateway.apiml.service</c>.
/// </summary>
public abstract class GatewayFixture : IAsyncLifetime
{
    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(4);
    private readonly List<EchoService> echoes = [];
    private HttpClient eureka = null!;

    internal RunningNode Node { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Like <see cref="Client"/>, but returns redirects instead of following them.</summary>
    public HttpClient NoRedirectClient { get; private set; } = null!;

    public X509Certificate2Collection Anchors { get; private set; } = null!;

    internal X509Certificate2 ServiceCertificate { get; private set; } = null!;

    public int GatewayPort => ports[0];

    protected virtual string ServiceSettings => "{}";

    /// <summary>More keys of <c>components.gateway.apiml</c>, as flow-mapping entries.</summary>
    protected virtual string? GatewaySettings => null;

    public async Task InitializeAsync()
    {
        var extra = GatewaySettings is { } settings ? $", {settings}" : "";
        var yaml = ZoweYaml.SingleNode(ports, security: $"{ZoweYaml.DummySecurity}, service: {ServiceSettings}{extra}");
        Node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), null));
        await Node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        Anchors = Node.Services.GetRequiredService<TlsMaterial>().TrustAnchors;
        ServiceCertificate = ServiceCertificates.IssueTrusted(Node.Config, temp, "localhost", "127.0.0.1");
        eureka = TrustingClient.Create(Anchors, TimeSpan.FromSeconds(20), ServiceCertificate);
        Client = TrustingClient.Create(Anchors, TimeSpan.FromSeconds(120));
        NoRedirectClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, SslOptions = { RemoteCertificateValidationCallback = ValidateGatewayCertificate } });
    }

    public async Task DisposeAsync()
    {
        foreach (var echo in echoes)
        {
            await echo.DisposeAsync();
        }

        eureka.Dispose();
        Client.Dispose();
        NoRedirectClient.Dispose();
        await Node.DisposeAsync();
        temp.Dispose();
    }

    /// <summary>Starts an echo service and registers it; without <paramref name="metadata"/> its route is <c>api/v1</c> → <c>/{serviceId}/api/v1</c>.</summary>
    internal async Task<EchoService> StartServiceAsync(string serviceId, Dictionary<string, string>? metadata = null, int? onPort = null)
    {
        var port = onPort ?? FreePorts.Take(1)[0];
        var echo = await EchoService.StartAsync($"{serviceId}-{port}", port, ServiceCertificate);
        echoes.Add(echo);
        await RegisterAsync(serviceId, port, metadata);
        return echo;
    }

    internal async Task RegisterAsync(string serviceId, int port, Dictionary<string, string>? metadata = null)
    {
        using var response = await eureka.PostAsync(new Uri($"https://localhost:{ports[1]}/eureka/apps/{serviceId.ToUpperInvariant()}"), EurekaRegistrations.Json(serviceId, port, metadata));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }


    /// <summary>For clients other than HttpClient (WebSockets): the gateway's certificate must chain to the node's anchors.</summary>
    public bool ValidateGatewayCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate is not X509Certificate2 presented)
        {
            return false;
        }

        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(Anchors);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return own.Build(presented);
    }

    public Uri Gateway(string pathAndQuery) => new($"https://localhost:{GatewayPort}{pathAndQuery}");

    /// <summary>
    /// A gateway URI sent exactly as written: System.Uri would otherwise decode <c>%2E</c> and remove dot segments on
    /// the client, and the gateway would never see what a hostile or sloppy client can send.
    /// </summary>
    public Uri RawGateway(string pathAndQuery) =>
        new($"https://localhost:{GatewayPort}{pathAndQuery}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    public static async Task<JsonElement> EchoAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}

/// <summary>Zowe's defaults: encoded slashes allowed, CORS off.</summary>
public sealed class DefaultGateway : GatewayFixture;

/// <summary>Encoded slashes refused and CORS on.</summary>
public sealed class StrictGateway : GatewayFixture
{
    protected override string ServiceSettings => "{ allowEncodedSlashes: false, corsEnabled: true }";
}
