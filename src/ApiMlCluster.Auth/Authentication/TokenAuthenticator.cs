using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Core.Cluster;

namespace ApiMlCluster.Auth.Authentication;

/// <summary>
/// Decides whether a session token may be used on this node right now: signature, issuer and lifetime (cached
/// per token), then revocation (never cached: read from the local snapshot on every request). A personal access
/// token sent in a session token's place (<c>Authorization: Bearer</c>) is recognised by its issuer and reported as
/// such, never accepted as a session: callers that take PATs judge it with <c>AccessTokens.PersonalAccessTokenCheck</c>.
/// </summary>
internal sealed class TokenAuthenticator(TokenValidator validator, RevocationSnapshot revocations, RuleSnapshot rules, IMajorityReach cluster)
{
    /// <summary>For <see cref="TokenExtraction.From"/>: a token this node validated before is not copied again.</summary>
    public Func<ReadOnlySpan<char>, string> Materialize { get; } = validator.KnownOrNew;

    public async ValueTask<TokenAuthentication> AuthenticateAsync(string jwt)
    {
        // Cut off from the majority, this node misses the logouts acknowledged there: it cannot judge (503), clients go elsewhere.
        if (!revocations.IsReady || !cluster.ReachesMajority)
        {
            return TokenAuthentication.NotReady;
        }

        return await validator.ValidateAsync(jwt) switch
        {
            TokenCheck.Valid { Claims.IsPersonalAccessToken: true } pat => new TokenAuthentication(TokenStatus.PersonalAccessToken, pat.Claims),
            TokenCheck.Valid valid when revocations.IsRevoked(valid.Claims.Id) => TokenAuthentication.Revoked,
            TokenCheck.Valid { Claims.ScopedTo: { } scopes } scoped => ScopedStatus(scoped.Claims, scopes),
            TokenCheck.Valid valid => new TokenAuthentication(TokenStatus.Authenticated, valid.Claims),
            TokenCheck.Expired => TokenAuthentication.Expired,
            _ => TokenAuthentication.Invalid,
        };
    }

    /// <summary>A token minted for a PAT caller answers to the PAT's rules as the PAT itself would (its jti is the PAT's).</summary>
    private TokenAuthentication ScopedStatus(TokenClaims claims, IReadOnlyList<string> scopes)
    {
        if (!rules.IsReady)
        {
            return TokenAuthentication.NotReady;
        }

        return rules.Revokes(claims.UserId, scopes, claims.IssuedAt.ToUnixTimeMilliseconds())
            ? TokenAuthentication.Revoked
            : new TokenAuthentication(TokenStatus.Scoped, claims);
    }
}

internal enum TokenStatus
{
    Authenticated,
    Expired,
    Invalid,
    Revoked,

    /// <summary>The node has not yet read the revocation list since it started, or cannot reach a majority, so it cannot tell.</summary>
    NotReady,

    /// <summary>A well-signed, unexpired personal access token: not a session token, and not yet checked for revocation or scope.</summary>
    PersonalAccessToken,

    /// <summary>
    /// A session token minted for a PAT caller, neither revoked nor ruled out: good at the services of
    /// <see cref="TokenClaims.ScopedTo"/> and for reading its own claims (<c>/auth/query</c>), nothing else.
    /// </summary>
    Scoped,
}

internal readonly record struct TokenAuthentication(TokenStatus Status, TokenClaims? Claims)
{
    public static readonly TokenAuthentication Expired = new(TokenStatus.Expired, null);
    public static readonly TokenAuthentication Invalid = new(TokenStatus.Invalid, null);
    public static readonly TokenAuthentication Revoked = new(TokenStatus.Revoked, null);
    public static readonly TokenAuthentication NotReady = new(TokenStatus.NotReady, null);
}
