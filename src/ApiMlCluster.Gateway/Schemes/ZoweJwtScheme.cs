using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// zoweJwt: the service gets the APIML token as <c>Cookie: apimlAuthenticationToken=&lt;jwt&gt;</c> (the caller's own
/// token, or one minted for a certificate caller), and in the configured custom header if there is one.
/// </summary>
internal sealed class ZoweJwtScheme(AuthSettings auth, GatewaySchemeSettings settings, CredentialCookies credentials, MintedTokens minted)
{
    public SouthboundCredentials Translate(SchemeCaller caller)
    {
        var jwt = caller.Jwt ?? minted.For(caller.UserId);
        var cookie = KeyValuePair.Create(auth.CookieName, jwt);
        return settings.JwtCustomAuthHeader is { } header
            ? SouthboundCredentials.Replaced(credentials, cookie, KeyValuePair.Create(header, jwt))
            : SouthboundCredentials.Replaced(credentials, cookie);
    }
}
