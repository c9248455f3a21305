using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiMlCluster.Auth.Tokens;

/// <summary>Signs APIML session tokens with the claims Zowe's gateway puts in them (<c>iss</c> APIML, <c>sub</c>, <c>iat</c>, <c>exp</c>, <c>jti</c>, <c>dom</c>).</summary>
internal sealed class TokenIssuer(JwtSigningKeys keys, TimeProvider clock)
{
    public const string Issuer = "APIML";

    // Without this the handler adds nbf (and fills iat/exp) from DateTime.UtcNow, bypassing the injected clock.
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(string userId, string? domain, TimeSpan lifetime)
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

        var jwt = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = claims,
            SigningCredentials = keys.Signing,
            TokenType = JwtConstants.TokenType,
        });
        return new IssuedToken(jwt, new TokenClaims(id, userId, domain, issuedAt, expiresAt));
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
