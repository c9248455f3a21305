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
                TokenStatus.NotReady => CallerResult.Fail(AuthMessages.ServiceUnavailable, path, CommonMessages.CannotJudgeTokens),
                _ => CallerResult.Fail(AuthMessages.InvalidToken, path),
            };
        }

        if (LoginRequestReader.ReadBasic(context.Request) is { } basic)
        {
            if (basic.Credentials is not { } credentials)
            {
                return CallerResult.Fail(AuthMessages.InvalidCredentials, path);
            }

            return await throttle.AuthenticateAsync(provider, credentials, context.RequestAborted) switch
            {
                AuthenticationOutcome.Authenticated success => CallerResult.Of(new Caller(success.UserId, CallerKind.Basic)),
                AuthenticationOutcome.Unavailable unavailable => CallerResult.Fail(AuthMessages.ServiceUnavailable, path, unavailable.Reason),
                _ => CallerResult.Fail(AuthMessages.InvalidCredentials, path),
            };
        }

        if (context.Connection.ClientCertificate is { } certificate)
        {
            return tls.IsTrusted(certificate)
                ? CallerResult.Of(new Caller(certificate.Subject, CallerKind.Certificate))
                : CallerResult.Fail(AuthMessages.Forbidden, $"client certificate '{certificate.Subject}' is not trusted");
        }

        return CallerResult.Fail(CallerMessages.Unauthorized);
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
