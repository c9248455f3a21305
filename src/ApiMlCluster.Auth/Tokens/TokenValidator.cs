using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiMlCluster.Auth.Tokens;

/// <summary>
/// Checks an APIML token's signature, issuer and lifetime against this node's key set and clock, and never throws.
/// Successful checks are cached by token so the hot path (one check per proxied request) skips the RSA verification.
/// </summary>
internal sealed class TokenValidator
{
    /// <summary>Far above any token we issue (about 600 chars) and below Kestrel's header limit; longer input is not worth parsing.</summary>
    public const int MaxTokenLength = 8192;

    private static readonly TokenCheck.Expired ExpiredCheck = new();

    private readonly JwtSigningKeys keys;
    private readonly TimeProvider clock;
    private readonly int cacheCapacity;
    private readonly JsonWebTokenHandler handler = new();
    private readonly TokenValidationParameters parameters;
    // The cached value is the answer itself, so a hit allocates nothing.
    private readonly ConcurrentDictionary<string, TokenCheck.Valid> cache;
    private readonly ConcurrentDictionary<string, TokenCheck.Valid>.AlternateLookup<ReadOnlySpan<char>> cacheBySpan;
    private readonly Lock evictionLock = new();

    // Tracks the cache size without ConcurrentDictionary.Count, which takes every bucket lock.
    private int cachedCount;

    public TokenValidator(JwtSigningKeys keys, TimeProvider clock, int cacheCapacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheCapacity, 1);
        this.keys = keys;
        this.clock = clock;
        this.cacheCapacity = cacheCapacity;
        cache = new(StringComparer.Ordinal);
        cacheBySpan = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuer = true,

            // Session tokens and personal access tokens share the key; callers tell them apart by TokenClaims.Scopes.
            ValidIssuers = [TokenIssuer.Issuer, TokenIssuer.PersonalAccessTokenIssuer],
            ValidateAudience = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,

            // TokenValidationParameters.TimeProvider exists in 8.16 but is internal, so the handler would read
            // DateTime.UtcNow; this delegate makes the injected clock the only time source.
            LifetimeValidator = ValidateLifetime,
            IssuerSigningKeyResolver = ResolveKeys,

            // Keys come only from ResolveKeys: a kid we do not know must not fall back to trying every key.
            TryAllIssuerSigningKeys = false,
        };
    }

    /// <summary>The token as a string: the cached one when it was validated before, so a request's token need not be copied.</summary>
    public string KnownOrNew(ReadOnlySpan<char> token) => cacheBySpan.TryGetValue(token, out var known, out _) ? known : token.ToString();

    /// <summary>The number of cached successful validations; for tests and benchmarks.</summary>
    public int CachedCount => cache.Count;

    public ValueTask<TokenCheck> ValidateAsync(string jwt)
    {
        if (string.IsNullOrEmpty(jwt))
        {
            return ValueTask.FromResult<TokenCheck>(new TokenCheck.Invalid("no token"));
        }

        if (jwt.Length > MaxTokenLength)
        {
            return ValueTask.FromResult<TokenCheck>(new TokenCheck.Invalid($"token longer than {MaxTokenLength} characters"));
        }

        if (cache.TryGetValue(jwt, out var cached))
        {
            if (!IsExpired(cached.Claims.ExpiresAt))
            {
                return ValueTask.FromResult<TokenCheck>(cached);
            }

            Remove(jwt);
            return ValueTask.FromResult<TokenCheck>(ExpiredCheck);
        }

        return ValidateUncachedAsync(jwt);
    }

    private async ValueTask<TokenCheck> ValidateUncachedAsync(string jwt)
    {
        TokenValidationResult result;
        try
        {
            result = await handler.ValidateTokenAsync(jwt, parameters).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // ValidateTokenAsync reports failures in its result; anything thrown is a library fault on hostile
            // input, and the caller's contract is a 401, not a 500.
            return new TokenCheck.Invalid($"validation failed: {e.GetType().Name}");
        }

        if (!result.IsValid)
        {
            // The handler checks the signature before the lifetime, so an expiry here is on a token we signed.
            return result.Exception is SecurityTokenExpiredException
                ? ExpiredCheck
                : new TokenCheck.Invalid(result.Exception?.GetType().Name ?? "invalid token");
        }

        if (result.SecurityToken is not JsonWebToken token)
        {
            return new TokenCheck.Invalid("not a JWS");
        }

        var check = ReadClaims(token);
        if (check is TokenCheck.Valid valid)
        {
            Cache(jwt, valid);
        }

        return check;
    }

    private static TokenCheck ReadClaims(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue(JwtRegisteredClaimNames.Sub, out string? userId) || string.IsNullOrEmpty(userId))
        {
            return new TokenCheck.Invalid("no sub");
        }

        if (!token.TryGetPayloadValue(JwtRegisteredClaimNames.Jti, out string? jti) || !Guid.TryParse(jti, out var id))
        {
            return new TokenCheck.Invalid("jti is not a GUID");
        }

        // TokenClaims needs the issue time, and every token we issue has one.
        if (!token.TryGetPayloadValue(JwtRegisteredClaimNames.Iat, out long iat))
        {
            return new TokenCheck.Invalid("no iat");
        }

        string? domain = null;
        if (token.TryGetClaim("dom", out _) && !token.TryGetPayloadValue("dom", out domain))
        {
            return new TokenCheck.Invalid("dom is not a string");
        }

        IReadOnlyList<string>? scopes = null;
        IReadOnlyList<string>? scopedTo = null;
        if (token.TryGetClaim("scopes", out _))
        {
            if (!token.TryGetPayloadValue("scopes", out string[]? values) || values is null || values.Length == 0)
            {
                return new TokenCheck.Invalid("scopes is not a list of service ids");
            }

            // The same claim in a session token limits it to the PAT it was minted for.
            if (token.Issuer == TokenIssuer.PersonalAccessTokenIssuer)
            {
                scopes = values;
            }
            else
            {
                scopedTo = values;
            }
        }
        else if (token.Issuer == TokenIssuer.PersonalAccessTokenIssuer)
        {
            return new TokenCheck.Invalid("a personal access token without scopes");
        }

        return new TokenCheck.Valid(new TokenClaims(
            id,
            userId,
            domain,
            DateTimeOffset.FromUnixTimeSeconds(iat),
            new DateTimeOffset(token.ValidTo, TimeSpan.Zero),
            scopes,
            scopedTo));
    }

    private IEnumerable<SecurityKey> ResolveKeys(string token, SecurityToken securityToken, string kid, TokenValidationParameters validationParameters)
    {
        // The kid only selects from keys already in memory; header fields that point elsewhere (jku, x5u, jwk) are never read.
        if (string.IsNullOrEmpty(kid))
        {
            return keys.ValidationKeys;
        }

        return keys.TryGetKey(kid, out var key) ? [key] : [];
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken securityToken, TokenValidationParameters validationParameters)
    {
        // Throwing the handler's own exception types keeps "expired" distinguishable from other lifetime failures.
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("no exp");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (notBefore is { } nbf && nbf > now)
        {
            throw new SecurityTokenNotYetValidException("nbf is in the future") { NotBefore = nbf };
        }

        if (IsExpired(new DateTimeOffset(exp, TimeSpan.Zero)))
        {
            throw new SecurityTokenExpiredException("past exp") { Expires = exp };
        }

        return true;
    }

    // Same boundary as IdentityModel with zero skew and as Zowe's jjwt: a token is still valid at exactly exp.
    private bool IsExpired(DateTimeOffset expiresAt) => clock.GetUtcNow() > expiresAt;

    private void Cache(string jwt, TokenCheck.Valid valid)
    {
        if (Volatile.Read(ref cachedCount) >= cacheCapacity)
        {
            MakeRoom();
        }

        if (cache.TryAdd(jwt, valid))
        {
            Interlocked.Increment(ref cachedCount);
        }
    }

    private void MakeRoom()
    {
        lock (evictionLock)
        {
            if (Volatile.Read(ref cachedCount) < cacheCapacity)
            {
                return;
            }

            foreach (var (jwt, cached) in cache)
            {
                if (IsExpired(cached.Claims.ExpiresAt))
                {
                    Remove(jwt);
                }
            }

            if (Volatile.Read(ref cachedCount) < cacheCapacity)
            {
                return;
            }

            // Still full of live tokens. Clearing keeps reads lock-free and allocation-free, which an LRU would not
            // (it has to record every hit); the price is one RSA verification per active token to refill, and a cache
            // this full means either that many live sessions, for which the capacity should be raised, or a flood
            // of distinct tokens, which no eviction order would help.
            foreach (var jwt in cache.Keys)
            {
                Remove(jwt);
            }
        }
    }

    private void Remove(string jwt)
    {
        if (cache.TryRemove(jwt, out _))
        {
            Interlocked.Decrement(ref cachedCount);
        }
    }
}
