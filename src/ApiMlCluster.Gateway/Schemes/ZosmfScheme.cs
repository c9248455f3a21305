using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Auth.Providers.Zosmf;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// zosmf: the z/OSMF token stored with the caller's session, as <c>Cookie: jwtToken=</c> or <c>Cookie: LtpaToken2=</c>
/// (the kind the zosmf provider is configured for first), with <c>Authorization</c> and the API ML credentials removed.
/// </summary>
internal sealed class ZosmfScheme(AuthSettings auth, CredentialCookies credentials, ISessionCredentials sessions)
{
    private readonly bool preferLtpa = auth.Zosmf?.TokenMode == ZosmfTokenMode.Ltpa;

    public async ValueTask<SouthboundCredentials> TranslateAsync(SchemeCaller caller, CancellationToken cancellationToken)
    {
        if (caller.Claims is not { } claims)
        {
            // Zowe would log on to z/OSMF with a PassTicket here; this gateway keeps z/OSMF tokens only from logins.
            return Failed("the caller has no session with a z/OSMF token (it did not log in through the gateway)");
        }

        var stored = await sessions.GetAsync(claims.Id, cancellationToken);
        if (stored is null)
        {
            return Failed("the session store did not answer");
        }

        stored.TryGetValue(SouthboundCredentialNames.ZosmfJwt, out var jwt);
        stored.TryGetValue(SouthboundCredentialNames.ZosmfLtpa, out var ltpa);
        var cookie = (jwt, ltpa) switch
        {
            ({ } j, { } l) => preferLtpa ? KeyValuePair.Create(ZosmfProvider.LtpaCookie, l) : KeyValuePair.Create(ZosmfProvider.JwtCookie, j),
            ({ } j, null) => KeyValuePair.Create(ZosmfProvider.JwtCookie, j),
            (null, { } l) => KeyValuePair.Create(ZosmfProvider.LtpaCookie, l),
            _ => (KeyValuePair<string, string>?)null,
        };
        return cookie is null
            ? Failed("the session was not opened by the zosmf provider")
            : SouthboundCredentials.Replaced(credentials, cookie);
    }

    private SouthboundCredentials Failed(string reason) => SouthboundCredentials.Failed(credentials, SchemeMessages.NoZosmfToken.LogForm(reason));
}
