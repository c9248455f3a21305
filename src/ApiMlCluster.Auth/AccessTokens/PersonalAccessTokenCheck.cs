using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Core.Cluster;

namespace ApiMlCluster.Auth.AccessTokens;

/// <summary>
/// Whether a personal access token may be used on this node right now, from local state only: signature, issuer and
/// lifetime (the validator's cache), its <c>jti</c> in the revocation snapshot, then the user and scope rules in the
/// rule snapshot, then the requested service against its scopes. Until this node has read both the revoked tokens
/// and the rules it answers <see cref="PatStatus.NotReady"/>: it cannot tell a revoked PAT from a good one
/// (Zowe answers a wrong 401 then, api-layer#3917).
/// </summary>
internal sealed class PersonalAccessTokenCheck(TokenValidator validator, RevocationSnapshot revocations, RuleSnapshot rules, IMajorityReach cluster)
{
    /// <summary>Both lists are read, and this node is not cut off from the majority that acknowledges revocations and rules.</summary>
    public bool IsReady => revocations.IsReady && rules.IsReady && cluster.ReachesMajority;

    /// <param name="serviceId">The service the token is used for; null checks the token alone.</param>
    public async ValueTask<PatCheck> CheckAsync(string jwt, string? serviceId)
    {
        if (!IsReady)
        {
            return PatCheck.NotReady;
        }

        switch (await validator.ValidateAsync(jwt))
        {
            case TokenCheck.Expired:
                return PatCheck.Expired;
            case TokenCheck.Valid { Claims: { Scopes: { } scopes } claims }:
                if (revocations.IsRevoked(claims.Id) || rules.Revokes(claims.UserId, scopes, claims.IssuedAt.ToUnixTimeMilliseconds()))
                {
                    return new PatCheck(PatStatus.Revoked, claims);
                }

                if (serviceId is not null && !InScope(scopes, serviceId))
                {
                    return new PatCheck(PatStatus.NotInScope, claims);
                }

                return new PatCheck(PatStatus.Valid, claims);
            default:
                // Invalid, or a session token: a PAT slot does not take session tokens.
                return PatCheck.Invalid;
        }
    }

    private static bool InScope(IReadOnlyList<string> scopes, string serviceId)
    {
        foreach (var scope in scopes)
        {
            if (string.Equals(scope, serviceId, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

internal enum PatStatus
{
    Valid,
    Expired,
    Invalid,
    Revoked,
    NotInScope,
    NotReady,
}

/// <summary><see cref="Claims"/> is set when the token's signature and lifetime are fine.</summary>
internal sealed record PatCheck(PatStatus Status, TokenClaims? Claims)
{
    public static readonly PatCheck NotReady = new(PatStatus.NotReady, null);
    public static readonly PatCheck Expired = new(PatStatus.Expired, null);
    public static readonly PatCheck Invalid = new(PatStatus.Invalid, null);
}
