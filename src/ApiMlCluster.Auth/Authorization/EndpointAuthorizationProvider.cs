using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>
/// Zowe's REST provider (ZSS <c>/saf-auth</c>): <c>GET {url}/{user}/{class}/{entity}/{level}</c> answered with
/// <c>{"authorized":true|false,"error":true|false,"message":"..."}</c>. HTTPS is checked against the node's
/// truststore and the node presents its own certificate. A timeout, a transport error, a non-2xx status, an
/// unreadable body or <c>error: true</c> is <see cref="AuthorizationDecision.Unavailable"/> (callers answer 503),
/// never a guess. Decisions are cached briefly (<see cref="DecisionCache"/>).
/// </summary>
internal sealed class EndpointAuthorizationProvider : IAuthorizationProvider, IDisposable
{
    private readonly AuthorizationEndpointSettings settings;
    private readonly TlsMaterial tls;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly HttpClient http;
    private readonly string baseUrl;

    public EndpointAuthorizationProvider(AuthorizationEndpointSettings settings, TlsMaterial tls, TimeProvider clock, ILogger logger)
    {
        this.settings = settings;
        this.tls = tls;
        this.clock = clock;
        this.logger = logger;
        Cache = new DecisionCache(clock, settings.CacheTtl, settings.CacheSize);
        baseUrl = settings.Url.ToString().TrimEnd('/');
        http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = settings.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = ValidateCertificate,
                ClientCertificates = [tls.ServerCertificate],
            },
        })
        {
            // The timeout is a per-request token on the injected clock.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    internal DecisionCache Cache { get; }

    public async ValueTask<AuthorizationDecision> CheckAsync(string userId, ResourceCheck check, CancellationToken cancellationToken)
    {
        if (Cache.TryGet(userId, check, out var cached))
        {
            return cached;
        }

        var decision = await AskAsync(userId, check, cancellationToken);
        Cache.Put(userId, check, decision);
        return decision;
    }

    public void Dispose() => http.Dispose();

    private async Task<AuthorizationDecision> AskAsync(string userId, ResourceCheck check, CancellationToken cancellationToken)
    {
        var url = $"{baseUrl}/{Uri.EscapeDataString(userId)}/{Uri.EscapeDataString(check.ResourceClass)}/{Uri.EscapeDataString(check.ResourceName)}/{AccessLevels.Name(check.Level)}";
        using var timeout = new CancellationTokenSource(settings.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.GetAsync(new Uri(url), HttpCompletionOption.ResponseContentRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Unavailable(check, $"answered {(int)response.StatusCode}");
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(linked.Token));
            var root = body.RootElement;
            if (Flag(root, "error") == true)
            {
                return Unavailable(check, $"reported an error: {(root.TryGetProperty("message", out var m) ? m.ToString() : "no message")}");
            }

            return Flag(root, "authorized") switch
            {
                true => AuthorizationDecision.Allowed,
                false => AuthorizationDecision.Denied,
                null => Unavailable(check, "answered without 'authorized'"),
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Unavailable(check, $"did not answer within {settings.Timeout.TotalMilliseconds:F0} ms");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException)
        {
            return Unavailable(check, e.GetBaseException().Message);
        }
    }

    private static bool? Flag(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
            _ => null,
        };
    }

    private AuthorizationDecision Unavailable(ResourceCheck check, string reason)
    {
        logger.LogWarning("Authorization endpoint {Url} could not decide {Class}/{Resource}: {Reason}", baseUrl, check.ResourceClass, check.ResourceName, reason);
        return AuthorizationDecision.Unavailable;
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // Chain errors are expected (the OS store does not know the truststore's anchors) and judged here.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate is not X509Certificate2 presented)
        {
            logger.LogWarning("Authorization endpoint {Url} rejected: {Errors}", baseUrl, errors);
            return false;
        }

        if (tls.IsTrusted(presented, chain?.ChainPolicy.ExtraStore))
        {
            return true;
        }

        logger.LogWarning("Authorization endpoint {Url} presented {Subject}, which the truststore does not trust", baseUrl, presented.Subject);
        return false;
    }
}
