using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Providers.Zosmf;

/// <summary>
/// Asks z/OSMF's authentication service (<c>/zosmf/services/authenticate</c>) and keeps the JWT and/or LTPA
/// cookie it hands out for calls to services. z/OSMF must present a certificate that chains to this node's
/// truststore and matches its host name. Every way of not getting an answer is Unavailable (503), never a 401,
/// so an outage is not reported to users as a wrong password.
/// </summary>
internal sealed class ZosmfProvider : IAuthenticationProvider, IDisposable
{
    public const string ProviderName = "zosmf";
    public const string FallbackDomain = "SAFRealm";
    public const string JwtCookie = "jwtToken";
    public const string LtpaCookie = "LtpaToken2";
    public const string AuthenticatePath = "/zosmf/services/authenticate";
    public const string InfoPath = "/zosmf/info";
    public const string CsrfHeader = "X-CSRF-ZOSMF-HEADER";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    // A failed /zosmf/info is retried at most this often, so a z/OSMF that answers logins but not info is not asked twice per login.
    public static readonly TimeSpan RealmRetryInterval = TimeSpan.FromMinutes(1);

    private readonly ZosmfSettings settings;
    private readonly TlsMaterial tls;
    private readonly TimeProvider clock;
    private readonly ILogger<ZosmfProvider> logger;
    private readonly TimeSpan timeout;
    private readonly HttpClient http;
    private readonly Uri authenticateUri;
    private readonly Uri infoUri;
    private volatile string? realm;
    private long realmRetryAtTicks;

    public ZosmfProvider(ZosmfSettings settings, TlsMaterial tls, TimeProvider clock, ILogger<ZosmfProvider> logger, TimeSpan? timeout = null)
    {
        this.settings = settings;
        this.tls = tls;
        this.clock = clock;
        this.logger = logger;
        this.timeout = timeout ?? DefaultTimeout;
        authenticateUri = new Uri(settings.BaseUri, AuthenticatePath);
        infoUri = new Uri(settings.BaseUri, InfoPath);
        http = new HttpClient(new SocketsHttpHandler
        {
            // The cookies are per user: a shared container would hand one user's token to the next login.
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = this.timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateCertificate },
        })
        {
            // Timeouts come from a per-request token on the TimeProvider, which tells a timeout from the caller's cancellation.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string Name => ProviderName;

    public async Task<AuthenticationOutcome> AuthenticateAsync(LoginCredentials credentials, CancellationToken cancellationToken)
    {
        if (credentials.NewPassword is { } newPassword)
        {
            var refused = await ChangePasswordAsync(credentials, newPassword, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            credentials = credentials with { Password = newPassword, NewPassword = null };
        }

        return await LoginAsync(credentials, cancellationToken);
    }

    public async Task EndSessionAsync(IReadOnlyDictionary<string, string> southboundCredentials, CancellationToken cancellationToken)
    {
        var cookies = new List<string>();
        if (southboundCredentials.TryGetValue(SouthboundCredentialNames.ZosmfJwt, out var jwt))
        {
            cookies.Add($"{JwtCookie}={jwt}");
        }

        if (southboundCredentials.TryGetValue(SouthboundCredentialNames.ZosmfLtpa, out var ltpa))
        {
            cookies.Add($"{LtpaCookie}={ltpa}");
        }

        if (cookies.Count == 0)
        {
            return;
        }

        try
        {
            using var request = Request(HttpMethod.Delete, authenticateUri);
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies));
            var (response, failure) = await SendAsync(request, cancellationToken);
            using (response)
            {
                failure ??= response!.IsSuccessStatusCode ? null : $"{Describe(request)} answered {(int)response.StatusCode}";
            }

            if (failure is not null)
            {
                logger.LogWarning("z/OSMF token not invalidated at logout: {Reason}", failure);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or InvalidOperationException)
        {
            logger.LogWarning("z/OSMF token not invalidated at logout: {Reason}", e.Message);
        }
    }

    public void Dispose() => http.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);

        // z/OSMF refuses REST calls without it (its CSRF guard).
        request.Headers.Add(CsrfHeader, "true");
        return request;
    }

    private static string Describe(HttpRequestMessage request) => $"{request.Method} {request.RequestUri}";

    private static Dictionary<string, string> Cookies(HttpResponseMessage response)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!response.Headers.TryGetValues("Set-Cookie", out var headers))
        {
            return cookies;
        }

        foreach (var header in headers)
        {
            var pair = header.Split(';', 2)[0];
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var value = pair[(equals + 1)..].Trim().Trim('"');

            // An empty value is z/OSMF clearing the cookie, not handing one out.
            if (value.Length > 0)
            {
                cookies[pair[..equals].Trim()] = value;
            }
        }

        return cookies;
    }

    private static string Explain(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.ConnectionError when e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        HttpRequestError.ConnectionError => $"cannot connect: {e.InnerException?.Message ?? e.Message}",
        HttpRequestError.NameResolutionError => "host name not resolved",
        HttpRequestError.SecureConnectionError => "TLS handshake failed: its certificate is not trusted by the truststore or does not match the host",
        _ => e.Message,
    };

    private async Task<AuthenticationOutcome> LoginAsync(LoginCredentials credentials, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, authenticateUri);
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        var (response, failure) = await SendAsync(request, cancellationToken);
        if (failure is not null)
        {
            return Unavailable(failure);
        }

        using (response)
        {
            switch (response!.StatusCode)
            {
                case HttpStatusCode.OK or HttpStatusCode.NoContent:
                    break;
                case HttpStatusCode.Unauthorized:
                    return new AuthenticationOutcome.InvalidCredentials();
                default:
                    return Unavailable($"{Describe(request)} answered {(int)response.StatusCode}");
            }

            var cookies = Cookies(response);
            var southbound = new Dictionary<string, string>(StringComparer.Ordinal);
            if (cookies.TryGetValue(JwtCookie, out var jwt))
            {
                southbound[SouthboundCredentialNames.ZosmfJwt] = jwt;
            }

            if (cookies.TryGetValue(LtpaCookie, out var ltpa))
            {
                southbound[SouthboundCredentialNames.ZosmfLtpa] = ltpa;
            }

            var required = settings.TokenMode == ZosmfTokenMode.Jwt ? SouthboundCredentialNames.ZosmfJwt : SouthboundCredentialNames.ZosmfLtpa;
            if (!southbound.ContainsKey(required))
            {
                logger.LogWarning(
                    "z/OSMF at {Uri} returned no {Cookie} cookie (returned: {Returned}); check jwtAutoconfiguration",
                    authenticateUri,
                    settings.TokenMode == ZosmfTokenMode.Jwt ? JwtCookie : LtpaCookie,
                    cookies.Count == 0 ? "none" : string.Join(", ", cookies.Keys));
                return new AuthenticationOutcome.InvalidTokenType();
            }

            return new AuthenticationOutcome.Authenticated(credentials.Username, await RealmAsync(cancellationToken), southbound);
        }
    }

    /// <returns>Null when z/OSMF changed the password, else the outcome to answer.</returns>
    private async Task<AuthenticationOutcome?> ChangePasswordAsync(LoginCredentials credentials, string newPassword, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, authenticateUri);
        var body = new Dictionary<string, string>
        {
            ["userID"] = credentials.Username,
            ["oldPwd"] = credentials.Password,
            ["newPwd"] = newPassword,
        };
        request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var (response, failure) = await SendAsync(request, cancellationToken);
        if (failure is not null)
        {
            return Unavailable(failure);
        }

        using (response)
        {
            var status = (int)response!.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            if (status is >= 400 and < 500)
            {
                // Wrong old password and a new one SAF's rules reject both land here; there is no finer outcome.
                logger.LogInformation("z/OSMF refused the password change of {User} with {Status}", credentials.Username, status);
                return new AuthenticationOutcome.InvalidCredentials();
            }

            return Unavailable($"{Describe(request)} answered {status}");
        }
    }

    private async Task<string> RealmAsync(CancellationToken cancellationToken)
    {
        if (realm is { } known)
        {
            return known;
        }

        if (clock.GetUtcNow().UtcTicks < Volatile.Read(ref realmRetryAtTicks))
        {
            return FallbackDomain;
        }

        using var request = Request(HttpMethod.Get, infoUri);
        var (response, failure) = await SendAsync(request, cancellationToken);
        using (response)
        {
            if (failure is null && response!.IsSuccessStatusCode)
            {
                try
                {
                    using var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    if (info.RootElement.ValueKind == JsonValueKind.Object
                        && info.RootElement.TryGetProperty("zosmf_saf_realm", out var value)
                        && value.GetString() is { Length: > 0 } found)
                    {
                        realm = found;
                        return found;
                    }

                    failure = $"{Describe(request)} has no zosmf_saf_realm";
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException)
                {
                    failure = $"{Describe(request)} is not JSON with zosmf_saf_realm: {e.Message}";
                }
            }

            failure ??= $"{Describe(request)} answered {(int)response!.StatusCode}";
        }

        Volatile.Write(ref realmRetryAtTicks, (clock.GetUtcNow() + RealmRetryInterval).UtcTicks);
        logger.LogWarning("z/OSMF realm unknown, using {Fallback}: {Reason}", FallbackDomain, failure);
        return FallbackDomain;
    }

    /// <returns>The response (content buffered), or why there is none. The caller's cancellation is rethrown.</returns>
    private async Task<(HttpResponseMessage? Response, string? Failure)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return (await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{Describe(request)} timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return (null, $"{Describe(request)} failed: {Explain(e)}");
        }
    }

    private AuthenticationOutcome.Unavailable Unavailable(string reason)
    {
        logger.LogWarning("z/OSMF unavailable for login: {Reason}", reason);
        return new AuthenticationOutcome.Unavailable($"z/OSMF: {reason}");
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // Chain errors are expected (the OS store does not know the truststore's anchors) and judged below;
        // a name mismatch or no certificate is not.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate is not X509Certificate2 presented)
        {
            logger.LogWarning("z/OSMF at {Host}:{Port} rejected: {Errors}", settings.Host, settings.Port, errors);
            return false;
        }

        if (tls.IsTrusted(presented, chain?.ChainPolicy.ExtraStore))
        {
            return true;
        }

        logger.LogWarning(
            "z/OSMF at {Host}:{Port} presented {Subject} issued by {Issuer}, which the truststore does not trust",
            settings.Host, settings.Port, presented.Subject, presented.Issuer);
        return false;
    }
}
