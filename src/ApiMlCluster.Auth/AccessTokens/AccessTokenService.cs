using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Audit;
using ApiMlCluster.Auth.Authorization;
using ApiMlCluster.Auth.Endpoints;
using ApiMlCluster.Auth.Login;
using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Auth.X509;
using ApiMlCluster.Core.Certificates;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Http;
using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiMlCluster.Auth.AccessTokens;

/// <summary>
/// The PAT API (contract §2.1): generate, validate, revoke one token, revoke by rule (own tokens, a user, a scope) and
/// evict. Every change is durable and applied on every reachable node before the answer; a store that cannot take
/// the write gives 503, never an acknowledgement. Every generation and revocation is audited, never with the token.
/// </summary>
internal sealed class AccessTokenService(
    AuthSettings settings,
    IAuthenticationProvider provider,
    LoginThrottle throttle,
    CertificateUserMapping? certificateUsers,
    TlsMaterial tls,
    TokenIssuer issuer,
    PersonalAccessTokenCheck check,
    IAuthorizationProvider authorization,
    IAuditTrail audit,
    AuthWrites writes,
    TimeProvider clock,
    ILogger<AccessTokenService> log)
{
    private const string Path = AuthService.MessagePath + "access-token/";
    private static readonly JsonWebTokenHandler Reader = new();

    public async Task<IResult> GenerateAsync(HttpContext context)
    {
        var url = Path + "generate";
        var body = await RequestBodies.ReadAsync(context.Request, AccessTokenRequests.MaxBodyBytes, context.RequestAborted);
        var parsed = AccessTokenRequests.Generate(body);
        if (parsed.Error is { } error)
        {
            Audit(context, "pat.generate", null, false, reason: error.Message.Format(error.Arguments).MessageContent);
            return MessageResults.Message(error.Message, error.Arguments);
        }

        var request = parsed.Value!;
        var (user, failure) = await AuthenticateUserAsync(context, url);
        if (user is null)
        {
            Audit(context, "pat.generate", null, false, request.Scopes, request.ValidityDays, reason: "authentication failed");
            return failure!;
        }

        var issued = issuer.IssuePersonalAccessToken(user, TimeSpan.FromDays(request.ValidityDays), request.Scopes);
        Audit(context, "pat.generate", user, true, request.Scopes, request.ValidityDays, subject: $"jti {issued.Claims.Id}");
        return Results.Text(issued.Jwt, "text/plain");
    }

    public async Task<IResult> ValidateAsync(HttpContext context)
    {
        var url = Path + "validate";
        var body = await RequestBodies.ReadAsync(context.Request, AccessTokenRequests.MaxBodyBytes, context.RequestAborted);
        var parsed = AccessTokenRequests.Token(body, AccessTokenMessages.InvalidBody, serviceRequired: true);
        if (parsed.Error is { } error)
        {
            return MessageResults.Message(error.Message, error.Arguments);
        }

        var result = await check.CheckAsync(parsed.Value!.Token, parsed.Value.ServiceId!.ToLowerInvariant());
        return result.Status switch
        {
            PatStatus.Valid => Results.NoContent(),
            PatStatus.NotReady => NotReady(),
            _ => MessageResults.Message(AuthMessages.InvalidToken, url),
        };
    }

    public async Task<IResult> RevokeAsync(HttpContext context)
    {
        var url = Path + "revoke";
        var body = await RequestBodies.ReadAsync(context.Request, AccessTokenRequests.MaxBodyBytes, context.RequestAborted);
        var parsed = AccessTokenRequests.Token(body, AccessTokenMessages.InvalidRevokeBody, serviceRequired: false);
        if (parsed.Error is { } error)
        {
            return MessageResults.Message(error.Message, error.Arguments);
        }

        var token = parsed.Value!.Token;
        if (token.Length > TokenValidator.MaxTokenLength || !Reader.CanReadToken(token))
        {
            return MessageResults.Message(AccessTokenMessages.InvalidRevokeBody, "token is not a JSON Web Token");
        }

        var result = await check.CheckAsync(token, serviceId: null);
        switch (result.Status)
        {
            case PatStatus.NotReady:
                return NotReady();
            case PatStatus.Expired:
                return MessageResults.Message(AuthMessages.ExpiredToken, url);
            case PatStatus.Valid:
                break;
            default:
                // Invalid, a session token (logout revokes those) or already revoked.
                return MessageResults.Message(AuthMessages.InvalidToken, url);
        }

        var claims = result.Claims!;
        switch (await writes.RevokeAsync(claims.Id, claims.ExpiresAt.ToUnixTimeSeconds()))
        {
            case WriteOutcome.Done:
                Audit(context, "pat.revoke", claims.UserId, true, claims.Scopes, subject: $"jti {claims.Id}");
                return Results.NoContent();
            case WriteOutcome.AlreadyDone:
                return MessageResults.Message(AuthMessages.InvalidToken, url);
            default:
                Audit(context, "pat.revoke", claims.UserId, false, claims.Scopes, subject: $"jti {claims.Id}", reason: "revocation store unavailable");
                return StoreUnavailable("the revocation store did not record the revocation");
        }
    }

    /// <summary>Revokes every PAT of the caller issued at or before the timestamp.</summary>
    public async Task<IResult> RevokeOwnAsync(HttpContext context)
    {
        var url = Path + "revoke/tokens";
        var (user, failure) = await AuthenticateUserAsync(context, url);
        if (user is null)
        {
            Audit(context, "pat.revoke.tokens", null, false, reason: "authentication failed");
            return failure!;
        }

        return await AddRuleAsync(context, "pat.revoke.tokens", user, RuleKind.User, field: null, fixedSubject: user);
    }

    public async Task<IResult> RevokeUserAsync(HttpContext context) =>
        await AdminAsync(context, "revoke/tokens/user", "pat.revoke.user", AccessLevel.Read, admin =>
            AddRuleAsync(context, "pat.revoke.user", admin, RuleKind.User, field: "userId", fixedSubject: null));

    public async Task<IResult> RevokeScopeAsync(HttpContext context) =>
        await AdminAsync(context, "revoke/tokens/scope", "pat.revoke.scope", AccessLevel.Read, admin =>
            AddRuleAsync(context, "pat.revoke.scope", admin, RuleKind.Scope, field: "serviceId", fixedSubject: null));

    public async Task<IResult> EvictAsync(HttpContext context) =>
        await AdminAsync(context, "evict", "pat.evict", AccessLevel.Update, async admin =>
        {
            var (outcome, removed) = await writes.EvictRulesAsync(clock.GetUtcNow());
            if (outcome != WriteOutcome.Done)
            {
                Audit(context, "pat.evict", admin, false, reason: "rule store unavailable");
                return StoreUnavailable("the rule store did not record the eviction");
            }

            Audit(context, "pat.evict", admin, true, subject: $"{removed} rules older than {RuleSettings.MaxAge.TotalDays} days");
            return Results.NoContent();
        });

    private async Task<IResult> AdminAsync(HttpContext context, string path, string action, AccessLevel level, Func<string, Task<IResult>> then)
    {
        var (user, failure) = await AuthenticateUserAsync(context, Path + path);
        if (user is null)
        {
            Audit(context, action, null, false, reason: "authentication failed");
            return failure!;
        }

        var resource = settings.Authorization;
        var decision = await authorization.CheckAsync(user, new ResourceCheck(resource.ResourceClass, resource.AdminResource, level), context.RequestAborted);
        switch (decision)
        {
            case AuthorizationDecision.Allowed:
                return await then(user);
            case AuthorizationDecision.Unavailable:
                Audit(context, action, user, false, reason: "authorization provider unavailable");
                return MessageResults.Message(CommonMessages.ServiceUnavailable, "the authorization provider is not available");
            default:
                Audit(context, action, user, false, reason: $"no {level.ToString().ToUpperInvariant()} access to {resource.ResourceClass} {resource.AdminResource}");
                return MessageResults.Message(AuthMessages.Forbidden, $"{level.ToString().ToUpperInvariant()} access to {resource.AdminResource} in class {resource.ResourceClass} is required");
        }
    }

    private async Task<IResult> AddRuleAsync(HttpContext context, string action, string caller, RuleKind kind, string? field, string? fixedSubject)
    {
        var body = await RequestBodies.ReadAsync(context.Request, AccessTokenRequests.MaxBodyBytes, context.RequestAborted);
        var parsed = AccessTokenRequests.Rule(body, field);
        if (parsed.Error is { } error)
        {
            Audit(context, action, caller, false, reason: error.Message.Format(error.Arguments).MessageContent);
            return MessageResults.Message(error.Message, error.Arguments);
        }

        var subject = RuleSettings.Normalize(kind, fixedSubject ?? parsed.Value!.Subject!);
        if (fixedSubject is null && kind == RuleKind.User && provider is IUserDirectory directory && directory.Exists(subject) == false)
        {
            Audit(context, action, caller, false, subject: subject, reason: "unknown user");
            return MessageResults.Message(AccessTokenMessages.UnknownUser, subject);
        }

        var timestamp = parsed.Value!.Timestamp is > 0 and var t ? t : clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (await writes.AddRuleAsync(new RuleEntry(kind, subject, timestamp)) == WriteOutcome.Failed)
        {
            log.LogWarning("PAT rule {Kind} {Subject} not recorded", kind, subject);
            Audit(context, action, caller, false, subject: subject, reason: "rule store unavailable");
            return StoreUnavailable("the rule store did not record the revocation");
        }

        Audit(context, action, caller, true, subject: $"{subject} issued at or before {DateTimeOffset.FromUnixTimeMilliseconds(timestamp):O}");
        return Results.NoContent();
    }

    /// <summary>The caller's user id from Basic credentials (through the login throttle) or a trusted, mapped client certificate.</summary>
    private async Task<(string? User, IResult? Failure)> AuthenticateUserAsync(HttpContext context, string url)
    {
        if (LoginRequestReader.ReadBasic(context.Request) is { } basic)
        {
            if (basic.Credentials is not { } credentials)
            {
                return (null, MessageResults.Message(AuthMessages.InvalidCredentials, url));
            }

            return await throttle.AuthenticateAsync(provider, credentials, context.RequestAborted) switch
            {
                AuthenticationOutcome.Authenticated success => (success.UserId, null),
                AuthenticationOutcome.Unavailable unavailable => (null, MessageResults.Message(AuthMessages.ServiceUnavailable, url, unavailable.Reason)),
                _ => (null, MessageResults.Message(AuthMessages.InvalidCredentials, url)),
            };
        }

        if (settings.X509Enabled && certificateUsers is not null && context.Connection.ClientCertificate is { } certificate)
        {
            var user = tls.IsTrusted(certificate) ? certificateUsers.UserOf(certificate) : null;
            return user is null ? (null, MessageResults.Message(AuthMessages.InvalidCredentials, url)) : (user, null);
        }

        return (null, MessageResults.Message(AuthMessages.InvalidCredentials, url));
    }

    private static IResult NotReady() =>
        MessageResults.Message(CommonMessages.ServiceUnavailable, "this node has not finished loading the PAT revocation list and rules");

    private static IResult StoreUnavailable(string what) =>
        MessageResults.Message(CommonMessages.ServiceUnavailable, $"{what}: the durable store is not available, so nothing was changed");

    private void Audit(HttpContext context, string action, string? user, bool success, IReadOnlyList<string>? scopes = null, int? validityDays = null, string? subject = null, string? reason = null) =>
        audit.Record(new AuditRecord(
            clock.GetUtcNow(),
            action,
            user,
            success,
            context.Connection.RemoteIpAddress?.ToString(),
            scopes ?? [],
            validityDays,
            subject,
            reason));
}
