using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ApiMlCluster.Bench;

/// <summary>One node's auth API, called as Zowe CLI calls it: Basic login, then the token in the APIML cookie.</summary>
internal sealed class Gateway(HttpClient client, Uri baseUrl)
{
    public const string CookieName = "apimlAuthenticationToken";
    private static readonly AuthenticationHeaderValue UserUser = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:user")));

    private readonly Uri login = new(baseUrl, "/gateway/api/v1/auth/login");
    private readonly Uri query = new(baseUrl, "/gateway/api/v1/auth/query");
    private readonly Uri logout = new(baseUrl, "/gateway/api/v1/auth/logout");

    public Uri BaseUrl => baseUrl;

    /// <summary>
    /// An HTTP/1.1 client without cookies that trusts only <paramref name="caFile"/> as anchor and checks the host
    /// name, with room for <paramref name="connections"/> connections per node; presents <paramref name="clientCertificate"/> when given.
    /// </summary>
    public static HttpClient CreateClient(string caFile, int connections, X509Certificate2? clientCertificate = null)
    {
        var anchor = X509CertificateLoader.LoadCertificateFromFile(caFile);
        return new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate is not X509Certificate2 presented)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(anchor);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(presented);
                },
            },
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>POST login with Basic user:user: the outcome ("204", "503", or an exception name), the token on 204, and the latency.</summary>
    public async Task<(string Outcome, string? Token, double Ms)> LoginAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, login);
        request.Headers.Authorization = UserUser;
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var token = response.StatusCode == HttpStatusCode.NoContent ? TokenFrom(response) : null;
            return (Outcome(response, token is null && response.StatusCode == HttpStatusCode.NoContent ? " without cookie" : ""), token, ms);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (e.GetType().Name, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    public Task<(string Outcome, double Ms)> QueryAsync(string token) => WithCookieAsync(HttpMethod.Get, query, token);

    public Task<(string Outcome, double Ms)> LogoutAsync(string token) => WithCookieAsync(HttpMethod.Post, logout, token);

    private async Task<(string Outcome, double Ms)> WithCookieAsync(HttpMethod method, Uri url, string token)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Cookie", $"{CookieName}={token}");
        var start = Stopwatch.GetTimestamp();
        try
        {
            // SendAsync buffers the body, so the latency includes reading the answer.
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            return (Outcome(response, ""), Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (e.GetType().Name, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static string Outcome(HttpResponseMessage response, string suffix) => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix;

    private static string? TokenFrom(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return null;
        }

        foreach (var cookie in cookies)
        {
            if (cookie.StartsWith(CookieName + "=", StringComparison.Ordinal))
            {
                var end = cookie.IndexOf(';', StringComparison.Ordinal);
                return cookie[(CookieName.Length + 1)..(end < 0 ? cookie.Length : end)];
            }
        }

        return null;
    }
}

/// <summary>Counts of outcomes ("204", "401", "HttpRequestException") in a stable order.</summary>
internal sealed class Outcomes
{
    private readonly SortedDictionary<string, long> counts = new(StringComparer.Ordinal);

    public long Total => counts.Values.Sum();

    public void Add(string outcome, long count = 1) => counts[outcome] = counts.GetValueOrDefault(outcome) + count;

    public void AddRange(Outcomes other)
    {
        foreach (var (outcome, count) in other.counts)
        {
            Add(outcome, count);
        }
    }

    public long Of(string outcome) => counts.GetValueOrDefault(outcome);

    /// <summary>"503×4, HttpRequestException×1" for everything but <paramref name="expected"/>; "none" when nothing else.</summary>
    public string Except(string expected)
    {
        var others = counts.Where(c => c.Key != expected).Select(c => $"{c.Key}×{c.Value:N0}").ToList();
        return others.Count == 0 ? "none" : string.Join(", ", others);
    }
}
