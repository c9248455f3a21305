using System.Collections.Concurrent;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tokens;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// APIML tokens minted for callers that did not bring one (client certificate, PAT), one per user or PAT, reused
/// while more than half of its lifetime is left so that the hot path signs about twice per token lifetime per user
/// instead of on every request. A minted token that was revoked (someone logged out with it) is replaced.
/// </summary>
internal sealed class MintedTokens(TokenIssuer issuer, RevocationSnapshot revocations, TimeProvider clock, TimeSpan lifetime, int capacity = MintedTokens.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;
    public const string Domain = "x509";

    private readonly ConcurrentDictionary<string, IssuedToken> byUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Guid, (IssuedToken Token, DateTimeOffset MintedAt)> byPat = new();

    public string For(string userId)
    {
        if (byUser.TryGetValue(userId, out var cached) && IsFresh(cached))
        {
            return cached.Jwt;
        }

        if (byUser.Count >= capacity)
        {
            // Full of distinct users: dropping all keeps the cache lock-free; each user costs one signature to come back.
            byUser.Clear();
        }

        var minted = issuer.Issue(userId, Domain, lifetime);
        byUser[userId] = minted;
        return minted.Jwt;
    }

    /// <summary>
    /// The token for a caller who brought the PAT <paramref name="pat"/>: the PAT's jti, iat and scopes, expiring with
    /// it at the latest (<see cref="TokenIssuer.IssueForPersonalAccessToken"/>). One per PAT, reused while it is not
    /// revoked and half of what it had to live is left.
    /// </summary>
    public string ForPersonalAccessToken(TokenClaims pat)
    {
        var now = clock.GetUtcNow();
        // Its iat is the PAT's, so how much it had to live is counted from when it was minted.
        if (byPat.TryGetValue(pat.Id, out var cached) && !revocations.IsRevoked(pat.Id)
            && cached.Token.Claims.ExpiresAt - now > (cached.Token.Claims.ExpiresAt - cached.MintedAt) / 2)
        {
            return cached.Token.Jwt;
        }

        if (byPat.Count >= capacity)
        {
            byPat.Clear();
        }

        var minted = issuer.IssueForPersonalAccessToken(pat, lifetime);
        byPat[pat.Id] = (minted, now);
        return minted.Jwt;
    }

    private bool IsFresh(IssuedToken token) =>
        token.Claims.ExpiresAt - clock.GetUtcNow() > lifetime / 2 && !revocations.IsRevoked(token.Claims.Id);
}
