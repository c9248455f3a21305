using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ApiMlCluster.TestSupport;

/// <summary>Calls to Zowe's auth API as a client (Zowe CLI, a browser) makes them.</summary>
public sealed class AuthApi(HttpClient client, int gatewayPort, string cookieName = "apimlAuthenticationToken")
{
    public Uri Url(string path) => new($"https://localhost:{gatewayPort}/gateway/api/v1/auth{path}");

    public Task<HttpResponseMessage> LoginAsync(string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url("/login"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client.SendAsync(request);
    }

    public Task<HttpResponseMessage> LoginWithBodyAsync(string body, string contentType = "application/json") =>
        client.PostAsync(Url("/login"), new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>Logs in and returns the token from the cookie; fails the test when login does not answer 204.</summary>
    public async Task<string> TokenAsync(string user = "user", string password = "user")
    {
        using var response = await LoginAsync(user, password);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return TokenFrom(response);
    }

    public string TokenFrom(HttpResponseMessage response)
    {
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(cookieName + "=", cookie, StringComparison.Ordinal);
        return cookie[(cookieName.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    public Task<HttpResponseMessage> QueryAsync(string token) => SendWithCookieAsync(HttpMethod.Get, "/query", token);

    public Task<HttpResponseMessage> LogoutAsync(string token) => SendWithCookieAsync(HttpMethod.Post, "/logout", token);

    public Task<HttpResponseMessage> SendWithCookieAsync(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, Url(path));
        request.Headers.Add("Cookie", $"{cookieName}={token}");
        return client.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendWithBearerAsync(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, Url(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    /// <summary>The single Zowe message of an error body, after checking the status.</summary>
    public static async Task<JsonElement> MessageAsync(HttpResponseMessage response, HttpStatusCode status, string number)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var message = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal(number, message.GetProperty("messageNumber").GetString());
        Assert.Equal("ERROR", message.GetProperty("messageType").GetString());
        return message.Clone();
    }
}
