using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Node.Tests.Hosting;
using ApiMlCluster.Node.Tests.Support;
using ApiMlCluster.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ApiMlCluster.Node.Tests.Caching;

/// <summary>
/// One real node shared by the caching endpoint tests (they keep apart by namespace), with small limits: 32 entries
/// per namespace (2 per bucket) and values of at most 64 bytes.
/// </summary>
public sealed class CachingNode : IAsyncLifetime
{
    public const int MaxValueBytes = 64;

    private readonly TempWorkspace temp = new();
    private readonly int[] ports = FreePorts.Take(4);

    internal RunningNode Node { get; private set; } = null!;

    public X509Certificate2 Alpha { get; private set; } = null!;

    public X509Certificate2 Beta { get; private set; } = null!;

    /// <summary>Used by the service-id quota test alone, so the namespaces it opens count for nobody else.</summary>
    public X509Certificate2 Gamma { get; private set; } = null!;

    /// <summary><c>storage.maxServiceIdsPerCertificate</c> of this node: far more than the tests' one namespace each.</summary>
    public const int MaxServiceIds = 64;

    /// <summary>What <c>apiml certs new-service --cn localhost</c> issues: the node certificate's CA and subject, another key.</summary>
    public X509Certificate2 Lookalike { get; private set; } = null!;

    public int CachingPort => ports[2];

    public int GatewayPort => ports[0];

    public int DiscoveryPort => ports[1];

    public async Task InitializeAsync()
    {
        var yaml = ZoweYaml.SingleNode(ports).Replace(
            $"caching-service: {{ port: {ports[2]} }}",
            $"caching-service: {{ port: {ports[2]}, storage: {{ size: 32, evictionStrategy: reject, maxValueBytes: {MaxValueBytes}, maxServiceIdsPerCertificate: {MaxServiceIds} }} }}",
            StringComparison.Ordinal);
        Node = await RunningNode.StartAsync(ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), null));
        await Node.WaitForHealthAsync("UP", TimeSpan.FromSeconds(30));
        Alpha = ServiceCertificates.IssueTrusted(Node.Config, temp, "alpha");
        Beta = ServiceCertificates.IssueTrusted(Node.Config, temp, "beta");
        Gamma = ServiceCertificates.IssueTrusted(Node.Config, temp, "gamma");
        Lookalike = ServiceCertificates.IssueTrusted(Node.Config, temp, "localhost");
    }

    /// <summary>A client presenting <paramref name="certificate"/> (none: no client certificate).</summary>
    public HttpClient Client(X509Certificate2? certificate) =>
        TrustingClient.Create(Node.Services.GetRequiredService<TlsMaterial>().TrustAnchors, TimeSpan.FromSeconds(60), certificate);

    /// <summary>The node's own certificate, the one the gateway presents when it forwards a call.</summary>
    public X509Certificate2 ApimlCertificate => Node.Services.GetRequiredService<TlsMaterial>().ServerCertificate;

    public Uri Url(string path) => new($"https://localhost:{CachingPort}/cachingservice/api/v1{path}");

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        temp.Dispose();
    }
}
