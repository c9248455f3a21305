using System.Net.Http.Headers;
using System.Text;
using ApiMlCluster.Auth.Authentication;
using ApiMlCluster.Auth.Endpoints;
using ApiMlCluster.Auth.Login;
using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Auth.Callers;

/// <summary>
/// Who is calling an API ML endpoint that needs "login or certificate" (Zowe's <c>/discovery/**</c>, the
/// gateway's service list): a session token (cookie or Bearer), Basic credentials checked by the login
/// provider, or a client certificate the truststore trusts. Failures are Zowe messages ready to return.
/// </summary>
internal sealed class CallerAuthenticator(AuthSettings settings, TokenAuthenticator tokens, IAuthenticationProvider provider, LoginThrottle throttle, TlsMaterial tls)
{
    public async ValueTask<CallerResult> AuthenticateAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var extracted = TokenExtraction.From(context.Request, settings.CookieName);
        if (extracted.Conflict)
        {
            return CallerResult.Fail(AuthMessages.InvalidToken, path);
        }

        if (extracted.Token is { } token)
        {
            var result = await tokens.AuthenticateAsync(token);
            return result.Status switch
            {
                TokenStatus.Authenticated => CallerResult.Of(new Caller(result.Claims!.UserId, CallerKind.Token)),
                TokenStatus.Expired => CallerResult.Fail(AuthMessages.ExpiredToken, path),
                TokenStatus.NotReady => CallerResult.Fail(AuthMessages.ServiceUnavailable, path, "the revocation list is still loading"),
                _ => CallerResult.Fail(AuthMessages.InvalidToken, path),
            };
        }

        if (BasicCredentials(context.Request) is { } credentials)
        {
            if (throttle.IsBlocked(credentials.Username))
            {
                return CallerResult.Fail(AuthMessages.InvalidCredentials, path);
            }

            var outcome = await provider.AuthenticateAsync(credentials, context.RequestAborted);
            switch (outcome)
            {
                case AuthenticationOutcome.Authenticated success:
                    throttle.RecordSuccess(credentials.Username);
                    return CallerResult.Of(new Caller(success.UserId, CallerKind.Basic));
                case AuthenticationOutcome.Unavailable unavailable:
                    return CallerResult.Fail(AuthMessages.ServiceUnavailable, path, unavailable.Reason);
                default:
                    throttle.RecordFailure(credentials.Username);
                    return CallerResult.Fail(AuthMessages.InvalidCredentials, path);
            }
        }

        if (context.Connection.ClientCertificate is { } certificate)
        {
            return tls.IsTrusted(certificate)
                ? CallerResult.Of(new Caller(certificate.Subject, CallerKind.Certificate))
                : CallerResult.Fail(AuthMessages.Forbidden, $"client certificate '{certificate.Subject}' is not trusted");
        }

        return CallerResult.Fail(CallerMessages.Unauthorized);
    }

    private static LoginCredentials? BasicCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = text.IndexOf(':');
            return colon > 0 ? new LoginCredentials(text[..colon], text[(colon + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

internal enum CallerKind
{
    Token,
    Basic,
    Certificate,
}

internal sealed record Caller(string Name, CallerKind Kind);

internal sealed record CallerResult(Caller? Caller, IResult? Failure)
{
    public static CallerResult Of(Caller caller) => new(caller, null);

    public static CallerResult Fail(MessageTemplate template, params object[] args) => new(null, MessageResults.Message(template, args));
}
