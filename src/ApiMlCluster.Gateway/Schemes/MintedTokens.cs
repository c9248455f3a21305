using System.Collections.Concurrent;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Tokens;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// APIML tokens minted for callers that did not bring one (client certificate, later PATs), one per user, reused
/// while more than half of its lifetime is left so that the hot path signs about twice per token lifetime per user
/// instead of on every request. A minted token that was revoked (someone logged out with it) is replaced.
/// </summary>
internal sealed class MintedTokens(TokenIssuer issuer, RevocationSnapshot revocations, TimeProvider clock, TimeSpan lifetime, int capacity = MintedTokens.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;
    public const string Domain = "x509";

    private readonly ConcurrentDictionary<string, IssuedToken> byUser = new(StringComparer.OrdinalIgnoreCase);

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

    private bool IsFresh(IssuedToken token) =>
        token.Claims.ExpiresAt - clock.GetUtcNow() > lifetime / 2 && !revocations.IsRevoked(token.Claims.Id);
}
