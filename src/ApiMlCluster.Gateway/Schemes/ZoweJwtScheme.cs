using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// zoweJwt: the service gets the APIML token as <c>Cookie: apimlAuthenticationToken=&lt;jwt&gt;</c> (the caller's own
/// token, or one minted for a certificate or PAT caller), and in the configured custom header if there is one. A PAT
/// caller's minted token is limited as the PAT is (<see cref="MintedTokens.ForPersonalAccessToken"/>), so the service
/// cannot use it anywhere the PAT could not go.
/// </summary>
internal sealed class ZoweJwtScheme(AuthSettings auth, GatewaySchemeSettings settings, CredentialCookies credentials, MintedTokens minted)
{
    public SouthboundCredentials Translate(SchemeCaller caller)
    {
        var jwt = caller.Jwt
            ?? (caller is { Source: CallerSource.PersonalAccessToken, Claims: { } pat } ? minted.ForPersonalAccessToken(pat) : minted.For(caller.UserId));
        var cookie = KeyValuePair.Create(auth.CookieName, jwt);
        return settings.JwtCustomAuthHeader is { } header
            ? SouthboundCredentials.Replaced(credentials, cookie, KeyValuePair.Create(header, jwt))
            : SouthboundCredentials.Replaced(credentials, cookie);
    }
}
