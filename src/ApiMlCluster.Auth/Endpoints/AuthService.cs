using System.Globalization;
using ApiMlCluster.Auth.Authentication;
using ApiMlCluster.Auth.Login;
using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Auth.X509;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiMlCluster.Auth.Endpoints;

/// <summary>
/// What the auth endpoints do: log in (provider, then a signed token; a session record only when the provider returned
/// southbound credentials), query, log out (durable revocation confirmed by every reachable node before the 204) and
/// refresh. Every write goes to this node's own log writers, never to another node.
/// </summary>
internal sealed class AuthService(
    AuthSettings settings,
    IAuthenticationProvider provider,
    TokenIssuer issuer,
    TokenAuthenticator authenticator,
    LoginThrottle throttle,
    CertificateUserMapping? certificateUsers,
    TlsMaterial tls,
    AuthWrites writes,
    TimeProvider clock,
    ILogger<AuthService> log)
{
    /// <summary>Zowe v3 names the ZAAS path in its messages, and its integration tests assert that text.</summary>
    public const string MessagePath = "/zaas/api/v1/auth/";

    private static readonly JsonWebTokenHandler Reader = new();

    public async Task<IResult> LoginAsync(HttpContext context)
    {
        var url = MessagePath + "login";
        var input = await LoginRequestReader.ReadAsync(context.Request, context.RequestAborted);
        if (input.IsMalformed)
        {
            return MessageResults.Message(AuthMessages.InvalidInput, url);
        }

        if (input.Credentials is null)
        {
            return await LoginWithCertificateAsync(context, url);
        }

        var credentials = input.Credentials;
        var outcome = await throttle.AuthenticateAsync(provider, credentials, context.RequestAborted);
        switch (outcome)
        {
            case AuthenticationOutcome.Authenticated authenticated:
                return await OpenSessionAsync(context, authenticated.UserId, authenticated.Domain, authenticated.SouthboundCredentials);
            case AuthenticationOutcome.InvalidCredentials:
                log.LogInformation("Login of {User} refused: invalid credentials", credentials.Username);
                return MessageResults.Message(AuthMessages.InvalidCredentials, url);
            case AuthenticationOutcome.InvalidTokenType:
                return MessageResults.Message(AuthMessages.InvalidTokenType);
            case AuthenticationOutcome.Unavailable unavailable:
                log.LogWarning("Login of {User} failed: {Provider} provider unavailable: {Reason}", credentials.Username, provider.Name, unavailable.Reason);
                return MessageResults.Message(AuthMessages.ServiceUnavailable, url, unavailable.Reason);
            default:
                throw new InvalidOperationException($"unknown outcome {outcome.GetType().Name}");
        }
    }

    public async Task<IResult> QueryAsync(HttpContext context)
    {
        // A token minted for a PAT caller may read its own claims (services check what they were sent); nothing more.
        var (result, claims) = await AuthenticateAsync(context, MessagePath + "query", allowScoped: true);
        if (claims is null)
        {
            return result!;
        }

        return Results.Json(new QueryResponse(claims.Domain, claims.UserId, ZoweDate(claims.IssuedAt), ZoweDate(claims.ExpiresAt)));
    }

    public async Task<IResult> LogoutAsync(HttpContext context)
    {
        var url = MessagePath + "logout";
        var (result, claims) = await AuthenticateAsync(context, url, malformedIsBadRequest: true);
        if (claims is null)
        {
            return result!;
        }

        if (await RevokeAsync(claims, url) is { } failure)
        {
            return failure;
        }

        if (await writes.EndSessionAsync(claims.Id, clock.GetUtcNow().ToUnixTimeSeconds()) is { } southbound)
        {
            await provider.EndSessionAsync(southbound, CancellationToken.None);
        }

        return Results.NoContent();
    }

    public async Task<IResult> RefreshAsync(HttpContext context)
    {
        var url = MessagePath + "refresh";
        var certificate = context.Connection.ClientCertificate;
        if (certificate is null || !tls.IsTrusted(certificate))
        {
            return MessageResults.Message(AuthMessages.Forbidden, "a trusted client certificate is required to refresh a token");
        }

        var (result, claims) = await AuthenticateAsync(context, url);
        if (claims is null)
        {
            return result!;
        }

        if (await RevokeAsync(claims, url) is { } failure)
        {
            return failure;
        }

        // The southbound credentials move to the new session, so the provider's session is not ended.
        var southbound = await writes.EndSessionAsync(claims.Id, clock.GetUtcNow().ToUnixTimeSeconds());
        return await OpenSessionAsync(context, claims.UserId, claims.Domain, southbound ?? new Dictionary<string, string>());
    }

    private async Task<IResult> LoginWithCertificateAsync(HttpContext context, string url)
    {
        var certificate = settings.X509Enabled ? context.Connection.ClientCertificate : null;
        if (certificate is null || certificateUsers is null)
        {
            return MessageResults.Message(AuthMessages.InvalidInput, url);
        }

        var user = tls.IsTrusted(certificate) ? certificateUsers.UserOf(certificate) : null;
        if (user is null)
        {
            log.LogInformation("Certificate login refused for {Subject}: {Reason}", certificate.Subject, tls.IsTrusted(certificate) ? "no mapping" : "not trusted");
            return MessageResults.Message(AuthMessages.InvalidCredentials, url);
        }

        return await OpenSessionAsync(context, user, "x509", new Dictionary<string, string>());
    }

    private async Task<IResult> OpenSessionAsync(HttpContext context, string userId, string? domain, IReadOnlyDictionary<string, string> southbound)
    {
        var lifetime = settings.ShortLivedUser is { } shortLived && string.Equals(userId, shortLived, StringComparison.OrdinalIgnoreCase)
            ? settings.ShortTokenLifetime
            : settings.TokenLifetime;
        var token = issuer.Issue(userId, domain, lifetime);
        var claims = token.Claims;
        if (await writes.StartSessionAsync(claims.Id, claims.UserId, claims.ExpiresAt.ToUnixTimeSeconds(), southbound) == WriteOutcome.Failed)
        {
            return MessageResults.Message(CommonMessages.ServiceUnavailable, "the session store did not record the login");
        }

        context.Response.Headers.SetCookie = $"{settings.CookieName}={token.Jwt}; Path=/; SameSite=Strict; HttpOnly; Secure";
        return Results.NoContent();
    }

    /// <summary>The token's claims, or the error result to answer with.</summary>
    private async Task<(IResult? Error, TokenClaims? Claims)> AuthenticateAsync(HttpContext context, string url, bool malformedIsBadRequest = false, bool allowScoped = false)
    {
        var extracted = TokenExtraction.From(context.Request, settings.CookieName);
        if (extracted.Conflict)
        {
            return (MessageResults.Message(AuthMessages.InvalidToken, url), null);
        }

        if (extracted.Token is not { } token)
        {
            return (MessageResults.Message(AuthMessages.TokenNotProvided, url), null);
        }

        var authentication = await authenticator.AuthenticateAsync(token);
        return authentication.Status switch
        {
            TokenStatus.Authenticated => (null, authentication.Claims),
            TokenStatus.Scoped when allowScoped => (null, authentication.Claims),
            TokenStatus.Expired => (MessageResults.Message(AuthMessages.ExpiredToken, url), null),
            TokenStatus.NotReady => (MessageResults.Message(CommonMessages.ServiceUnavailable, CommonMessages.CannotJudgeTokens), null),
            TokenStatus.Invalid when malformedIsBadRequest && !Reader.CanReadToken(token) =>
                (Results.Json(AuthMessages.InvalidToken.View(url), statusCode: StatusCodes.Status400BadRequest), null),
            _ => (MessageResults.Message(AuthMessages.InvalidToken, url), null),
        };
    }

    /// <summary>Null once the token is revoked by this call; otherwise the error to answer with.</summary>
    private async Task<IResult?> RevokeAsync(TokenClaims claims, string url) =>
        await writes.RevokeAsync(claims.Id, claims.ExpiresAt.ToUnixTimeSeconds()) switch
        {
            WriteOutcome.Done => null,
            // Another logout of this token got here first: the token was valid a moment ago, it is not now.
            WriteOutcome.AlreadyDone => MessageResults.Message(AuthMessages.InvalidToken, url),
            _ => MessageResults.Message(AuthMessages.ServiceUnavailable, url, "the revocation store could not record the logout"),
        };

    /// <summary>Jackson's <c>java.util.Date</c> form, as in Zowe's published example: <c>2019-05-13T12:47:04.000+0000</c>.</summary>
    private static string ZoweDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    private sealed record QueryResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("domain")] string? Domain,
        [property: System.Text.Json.Serialization.JsonPropertyName("userId")] string UserId,
        [property: System.Text.Json.Serialization.JsonPropertyName("creation")] string Creation,
        [property: System.Text.Json.Serialization.JsonPropertyName("expiration")] string Expiration);
}
