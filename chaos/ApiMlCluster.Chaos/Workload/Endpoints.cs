using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ApiMlCluster.Chaos.Cluster;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Chaos.Workload;

/// <summary>An HTTP answer, or status 0 when none came (refused, reset, timed out).</summary>
internal readonly record struct Answer(int Status, string Body, string? SetCookie = null);

/// <summary>
/// The clients' view of the cluster: URLs of every node's gateway, discovery and caching ports, a plain client for
/// the gateway and one with a client certificate for the Eureka and caching APIs (both trust only the local CA).
/// </summary>
internal sealed class Endpoints : IDisposable
{
    public const string EchoService = "chaosecho";
    public const string RegistryService = "chaosreg";
    private readonly ChaosCluster cluster;

    public Endpoints(ChaosCluster cluster, X509Certificate2 clientCertificate, TimeSpan timeout)
    {
        this.cluster = cluster;
        var anchors = cluster.Authority;
        Plain = TrustingClient.Create(anchors, timeout);
        WithCertificate = TrustingClient.Create(anchors, timeout, clientCertificate);
    }

    public HttpClient Plain { get; }

    public HttpClient WithCertificate { get; }

    public Uri Gateway(int node, string path) => new($"https://localhost:{cluster.GatewayPort(node)}{path}");

    public Uri Auth(int node, string path) => Gateway(node, "/gateway/api/v1/auth" + path);

    public Uri Discovery(int node, string path) => new($"https://localhost:{cluster.DiscoveryPort(node)}{path}");

    public Uri Caching(int node, string path) => new($"https://localhost:{cluster.CachingPort(node)}/cachingservice/api/v1{path}");

    public static HttpRequestMessage Request(HttpMethod method, Uri url, string? json = null, string? cookieToken = null, bool basic = false)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (cookieToken is not null)
        {
            request.Headers.Add("Cookie", $"apimlAuthenticationToken={cookieToken}");
        }

        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:user"u8));
        }

        return request;
    }

    /// <summary>Sends and reads the whole answer; never throws for transport failures.</summary>
    public static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            try
            {
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var cookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault() : null;
                return new Answer((int)response.StatusCode, body, cookie);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return new Answer(0, e.Message);
            }
        }
    }

    public void Dispose()
    {
        Plain.Dispose();
        WithCertificate.Dispose();
    }
}
