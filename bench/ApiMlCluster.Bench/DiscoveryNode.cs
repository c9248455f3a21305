using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Certificates;

namespace ApiMlCluster.Bench;

/// <summary>One node's Eureka API on its discovery port, called as a Eureka client calls it: JSON, with a client certificate.</summary>
internal sealed class DiscoveryNode(HttpClient client, Uri baseUrl)
{
    private static int explained;

    public Uri BaseUrl => baseUrl;

    /// <summary>
    /// A client certificate for the benchmark, issued by the workspace's development CA (as <c>apiml certs new-service</c>
    /// does) into <paramref name="outputDirectory"/>, in the PKCS#12 form SslStream can use on Linux.
    /// </summary>
    public static X509Certificate2 IssueClientCertificate(string keystoreRoot, string outputDirectory)
    {
        const string name = "bench-discovery";
        DevelopmentCertificates.IssueServiceCertificate(keystoreRoot, name, [], outputDirectory, TimeProvider.System);
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(outputDirectory, name + ".pem"), Path.Combine(outputDirectory, name + ".key"));
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>An HTTP client for the nodes of a cluster whose workspace keystore is <paramref name="keystoreRoot"/>.</summary>
    public static HttpClient CreateClient(string keystoreRoot, int connections)
    {
        var certificate = IssueClientCertificate(keystoreRoot, Path.Combine(keystoreRoot, "..", "bench-client"));
        return Gateway.CreateClient(Path.Combine(keystoreRoot, "local_ca", "localca.cer"), connections, certificate);
    }

    public Task<(string Outcome, double Ms)> RegisterAsync(BenchInstance instance, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendAsync(HttpMethod.Post, $"/eureka/apps/{instance.App}", content);
    }

    public Task<(string Outcome, double Ms)> RenewAsync(BenchInstance instance) =>
        SendAsync(HttpMethod.Put, $"/eureka/apps/{instance.App}/{instance.InstanceId}?status=UP&lastDirtyTimestamp={BenchInstance.LastDirtyTimestamp.ToString(CultureInfo.InvariantCulture)}", null);

    /// <summary>GET with Accept: application/json: the outcome, the body (empty on failures) and the latency including reading the body.</summary>
    public async Task<(string Outcome, byte[] Body, double Ms)> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return (Outcome(response), body, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (e.GetType().Name, [], Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private async Task<(string Outcome, double Ms)> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = content };
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if ((int)response.StatusCode >= 400 && Interlocked.Exchange(ref explained, 1) == 0)
            {
                // The first refusal says why (a bench body that a newer registration rule refuses, say).
                await Console.Error.WriteLineAsync($"{method} {path} answered {Outcome(response)}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}").ConfigureAwait(false);
            }

            return (Outcome(response), elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (e.GetType().Name, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static string Outcome(HttpResponseMessage response) => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
}
