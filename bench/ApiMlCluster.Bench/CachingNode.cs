using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace ApiMlCluster.Bench;

/// <summary>One node's caching API on its caching port, called with a client certificate as a service calls it.</summary>
internal sealed class CachingNode(HttpClient client, Uri baseUrl)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public Task<(string Outcome, double Ms)> CreateAsync(string key, string value) =>
        SendAsync(HttpMethod.Post, "/cachingservice/api/v1/cache", Body(key, value));

    public Task<(string Outcome, double Ms)> UpdateAsync(string key, string value) =>
        SendAsync(HttpMethod.Put, "/cachingservice/api/v1/cache", Body(key, value));

    public Task<(string Outcome, double Ms)> ReadAsync(string key) =>
        SendAsync(HttpMethod.Get, "/cachingservice/api/v1/cache/" + Uri.EscapeDataString(key), null);

    private static ByteArrayContent Body(string key, string value)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"key":"{{key}}","value":"{{value}}"}"""));
        content.Headers.ContentType = Json;
        return content;
    }

    private async Task<(string Outcome, double Ms)> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = content };
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return (((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (e.GetType().Name, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}
