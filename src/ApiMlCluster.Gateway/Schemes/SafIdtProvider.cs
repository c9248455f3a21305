using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// Asks a ZSS-style SAF IDT endpoint for a user's identity token: <c>POST {"username","pass","appl"}</c> with a
/// PassTicket as the password, answered by <c>{"jwt":"&lt;idt&gt;"}</c> (Zowe's <c>SafRestAuthenticationService</c>).
/// The call uses the gateway's client (its own certificate, the truststore for the provider's).
/// </summary>
internal sealed class SafIdtProvider(HttpMessageInvoker client, Uri url, TimeProvider clock, TimeSpan timeout)
{
    public async Task<SafIdtAnswer> GenerateAsync(string userId, string passTicket, string applId, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new IdtRequest(userId, passTicket, applId)),
        };
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            using var response = await client.SendAsync(request, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                return SafIdtAnswer.Fail($"the SAF IDT provider answered {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadFromJsonAsync<IdtResponse>(linked.Token);
            return body?.Jwt is { Length: > 0 } idt
                ? new SafIdtAnswer(idt, ExpiryOf(idt), null)
                : SafIdtAnswer.Fail("the SAF IDT provider returned no token");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SafIdtAnswer.Fail($"the SAF IDT provider did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return SafIdtAnswer.Fail($"the SAF IDT provider cannot be reached: {e.HttpRequestError}");
        }
        catch (JsonException)
        {
            return SafIdtAnswer.Fail("the SAF IDT provider's answer is not JSON");
        }
    }

    /// <summary>An IDT is a JWT; its <c>exp</c>, when readable, bounds how long it may be reused. Its signature is the service's business.</summary>
    private static DateTimeOffset? ExpiryOf(string idt)
    {
        try
        {
            var token = new JsonWebToken(idt);
            return token.TryGetPayloadValue("exp", out long exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private sealed record IdtRequest(
        [property: JsonPropertyName("username")] string Username,
        [property: JsonPropertyName("pass")] string Pass,
        [property: JsonPropertyName("appl")] string Appl);

    private sealed record IdtResponse([property: JsonPropertyName("jwt")] string? Jwt);
}

/// <summary>An IDT and its expiry if it told one, or why there is none.</summary>
internal sealed record SafIdtAnswer(string? Token, DateTimeOffset? ExpiresAt, string? Failure)
{
    public static SafIdtAnswer Fail(string reason) => new(null, null, reason);

    public override string ToString() => $"SafIdtAnswer {{ ExpiresAt = {ExpiresAt}, Failure = {Failure} }}";
}
