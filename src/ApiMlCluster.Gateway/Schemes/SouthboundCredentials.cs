using ApiMlCluster.Core.Messages;
using ApiMlCluster.Gateway.Forwarding;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// What a service's authentication scheme makes of the caller's credentials: headers and a cookie to send, whether
/// the caller's own credentials are removed first, or the failure the service is told about in
/// <c>X-Zowe-Auth-Failure</c>. <see cref="Refusal"/> means the request is answered by the gateway, not forwarded.
/// Values are secrets: never log an instance.
/// </summary>
internal sealed class SouthboundCredentials
{
    public const string FailureHeader = "X-Zowe-Auth-Failure";

    /// <summary>bypass: the request passes as the caller sent it.</summary>
    public static readonly SouthboundCredentials Unchanged = new([], null, null, null, null);

    private SouthboundCredentials(
        IReadOnlyList<KeyValuePair<string, string>> headers,
        KeyValuePair<string, string>? cookie,
        CredentialCookies? stripped,
        string? failure,
        SchemeRefusal? refusal)
    {
        Headers = headers;
        Cookie = cookie;
        Stripped = stripped;
        Failure = failure;
        Refusal = refusal;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public KeyValuePair<string, string>? Cookie { get; }

    /// <summary>When set, the caller's credential headers and cookies are removed before <see cref="Headers"/> and <see cref="Cookie"/> are added.</summary>
    public CredentialCookies? Stripped { get; }

    /// <summary>The log-form message for <c>X-Zowe-Auth-Failure</c>.</summary>
    public string? Failure { get; }

    public SchemeRefusal? Refusal { get; }

    /// <summary>The caller's credentials replaced by the scheme's.</summary>
    public static SouthboundCredentials Replaced(CredentialCookies credentials, KeyValuePair<string, string>? cookie, params KeyValuePair<string, string>[] headers) =>
        new(headers, cookie, credentials, null, null);

    /// <summary>
    /// A failure the service is told about; the caller's credentials are removed, since a service that the scheme
    /// could not serve (a PAT out of its scopes, a PassTicket that failed) must not collect them to replay elsewhere.
    /// </summary>
    public static SouthboundCredentials Failed(CredentialCookies credentials, string logForm) => new([], null, credentials, logForm, null);

    public static SouthboundCredentials Refused(MessageTemplate message, params object?[] arguments) =>
        new([], null, null, null, new SchemeRefusal(message, arguments));

    /// <summary>Shapes the proxied request; also puts a failure on the client's response.</summary>
    public void ApplyTo(HttpContext context, HttpRequestMessage proxyRequest)
    {
        if (ReferenceEquals(this, Unchanged))
        {
            return;
        }

        var headers = proxyRequest.Headers;
        var sent = context.Request.Headers;

        // Only the gateway may say that authentication failed; a caller's own header would mislead the service.
        headers.RemoveSent(sent, FailureHeader);
        if (Failure is not null)
        {
            headers.TryAddWithoutValidation(FailureHeader, Failure);

            // Set before YARP copies the service's response headers, which it appends to what is already there.
            context.Response.Headers[FailureHeader] = Failure;
        }

        if (Stripped is { } credentials)
        {
            headers.RemoveSent(sent, "Authorization");
            headers.RemoveSent(sent, CredentialCookies.PersonalAccessTokenHeader);
            var cookies = sent.Cookie;
            var kept = credentials.WithoutCredentials(cookies, Cookie);
            // The common zoweJwt call sends on the one Cookie header the caller sent, which YARP already copied.
            if (cookies.Count != 1 || !ReferenceEquals(kept, cookies[0]))
            {
                headers.RemoveSent(sent, "Cookie");
                if (kept.Length > 0)
                {
                    headers.TryAddWithoutValidation("Cookie", kept);
                }
            }
        }

        foreach (var (name, value) in Headers)
        {
            headers.Replace(sent, name, value);
        }
    }
}

/// <summary>The gateway answers instead of forwarding (the node cannot judge a token yet).</summary>
internal sealed record SchemeRefusal(MessageTemplate Message, object?[] Arguments);
