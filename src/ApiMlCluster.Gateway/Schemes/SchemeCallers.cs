using ApiMlCluster.Auth.Authentication;
using ApiMlCluster.Auth.X509;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// Finds who calls a service, in Zowe's precedence (contract §5.1): the session token (cookie, else Bearer), then a
/// personal access token, then a trusted client certificate mapped to a user (only when x509 login is enabled).
/// A token that is present but not valid is a failure, not a reason to try the certificate. Everything read is
/// local: the validator's cache and the node's revocation snapshot.
/// </summary>
internal sealed class SchemeCallers(
    AuthSettings settings,
    TokenAuthenticator tokens,
    IPersonalAccessTokens personalAccessTokens,
    CertificateUserMapping? certificateUsers,
    TlsMaterial tls)
{
    public async ValueTask<CallerResolution> ResolveAsync(HttpContext context, string serviceId)
    {
        var extracted = TokenExtraction.From(context.Request, settings.CookieName, tokens.Materialize);
        if (extracted.Conflict)
        {
            return CallerResolution.Fail(SchemeMessages.InvalidToken.LogForm());
        }

        if (extracted.Token is { } token)
        {
            var result = await tokens.AuthenticateAsync(token);
            return result.Status switch
            {
                TokenStatus.Authenticated => CallerResolution.Of(new SchemeCaller(result.Claims!.UserId, CallerSource.Token, token, result.Claims)),
                TokenStatus.Scoped when result.Claims!.Allows(serviceId) => CallerResolution.Of(new SchemeCaller(result.Claims.UserId, CallerSource.Token, token, result.Claims)),
                TokenStatus.PersonalAccessToken => await personalAccessTokens.ResolveTokenAsync(token, serviceId.ToLowerInvariant()),
                TokenStatus.NotReady => CallerResolution.Unjudgeable,
                TokenStatus.Expired => CallerResolution.Fail(SchemeMessages.ExpiredToken.LogForm()),
                _ => CallerResolution.Fail(SchemeMessages.InvalidToken.LogForm()),
            };
        }

        if (await personalAccessTokens.ResolveAsync(context.Request, serviceId.ToLowerInvariant()) is { } fromPat)
        {
            return fromPat;
        }

        if (certificateUsers is not null
            && context.Connection.ClientCertificate is { } certificate
            && tls.IsTrusted(certificate)
            && certificateUsers.UserOf(certificate) is { } user)
        {
            return CallerResolution.Of(new SchemeCaller(user, CallerSource.Certificate));
        }

        return CallerResolution.Fail(SchemeMessages.MissingAuthentication.LogForm());
    }
}
