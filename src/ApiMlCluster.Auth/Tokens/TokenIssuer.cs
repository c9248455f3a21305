using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiMlCluster.Auth.Tokens;

/// <summary>Signs APIML session tokens with the claims Zowe's gateway puts in them (<c>iss</c> APIML, <c>sub</c>, <c>iat</c>, <c>exp</c>, <c>jti</c>, <c>dom</c>).</summary>
internal sealed class TokenIssuer(JwtSigningKeys keys, TimeProvider clock)
{
    public const string Issuer = "APIML";

    /// <summary>The issuer of personal access tokens (contract §1.11); their <c>auth.prov</c> is <see cref="Issuer"/>.</summary>
    public const string PersonalAccessTokenIssuer = "APIML_PAT";

    // Without this the handler adds nbf (and fills iat/exp) from DateTime.UtcNow, bypassing the injected clock.
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(string userId, string? domain, TimeSpan lifetime) => Sign(userId, domain, lifetime, scopes: null);

    /// <summary>A personal access token: <c>iss=APIML_PAT</c>, <c>auth.prov=APIML</c>, <c>scopes</c> as given (already lower-cased), no <c>dom</c>.</summary>
    public IssuedToken IssuePersonalAccessToken(string userId, TimeSpan lifetime, IReadOnlyList<string> scopes)
    {
        ArgumentOutOfRangeException.ThrowIfZero(scopes.Count);
        return Sign(userId, null, lifetime, scopes);
    }

    /// <summary>
    /// A session token (<c>iss=APIML</c>, so services use it as any other) for a caller who brought the personal access
    /// token <paramref name="pat"/>: its <c>jti</c> and <c>iat</c> are the PAT's, its <c>scopes</c> claim limits it to
    /// the PAT's services, and it expires with the PAT or after <paramref name="maxLifetime"/>, whichever is first.
    /// </summary>
    public IssuedToken IssueForPersonalAccessToken(TokenClaims pat, TimeSpan maxLifetime)
    {
        var scopes = pat.Scopes ?? throw new ArgumentException("not a personal access token", nameof(pat));
        var latest = TruncateToSeconds(clock.GetUtcNow() + maxLifetime);
        var expiresAt = pat.ExpiresAt < latest ? pat.ExpiresAt : latest;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = pat.UserId,
            [JwtRegisteredClaimNames.Jti] = pat.Id.ToString("D"),
            ["scopes"] = scopes.ToArray(),
        };
        var jwt = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = pat.IssuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = claims,
            SigningCredentials = keys.Signing,
            TokenType = JwtConstants.TokenType,
        });
        return new IssuedToken(jwt, new TokenClaims(pat.Id, pat.UserId, null, pat.IssuedAt, expiresAt, ScopedTo: scopes.ToArray()));
    }

    private IssuedToken Sign(string userId, string? domain, TimeSpan lifetime, IReadOnlyList<string>? scopes)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.FromSeconds(1));

        // NumericDate has whole seconds; truncating here makes the returned claims equal what a validator reads back.
        var issuedAt = TruncateToSeconds(clock.GetUtcNow());
        var expiresAt = TruncateToSeconds(issuedAt + lifetime);
        var id = Guid.NewGuid();

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = userId,
            [JwtRegisteredClaimNames.Jti] = id.ToString("D"),
        };
        if (domain is not null)
        {
            claims["dom"] = domain;
        }

        if (scopes is not null)
        {
            claims["auth.prov"] = Issuer;
            claims["scopes"] = scopes.ToArray();
        }

        var jwt = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = scopes is null ? Issuer : PersonalAccessTokenIssuer,
            IssuedAt = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = claims,
            SigningCredentials = keys.Signing,
            TokenType = JwtConstants.TokenType,
        });
        return new IssuedToken(jwt, new TokenClaims(id, userId, domain, issuedAt, expiresAt, scopes?.ToArray()));
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
