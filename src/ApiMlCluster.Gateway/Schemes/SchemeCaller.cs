using ApiMlCluster.Auth.Tokens;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>How the caller proved who they are to the gateway.</summary>
internal enum CallerSource
{
    Token,
    PersonalAccessToken,
    Certificate,
}

/// <summary>
/// The authenticated caller of a proxied request. <see cref="Jwt"/> and <see cref="Claims"/> are set for a session
/// token; a PAT caller has the PAT's <see cref="Claims"/> only; a certificate caller has neither (no session exists for it).
/// </summary>
internal sealed record SchemeCaller(string UserId, CallerSource Source, string? Jwt = null, TokenClaims? Claims = null)
{
    // The token is a secret.
    public override string ToString() => $"SchemeCaller {{ UserId = {UserId}, Source = {Source} }}";
}

/// <summary>
/// The caller, or the failure's log form, or that the node cannot judge tokens yet.
/// </summary>
internal sealed record CallerResolution(SchemeCaller? Caller, string? Failure, bool NotReady = false)
{
    public static readonly CallerResolution Unjudgeable = new(null, null, NotReady: true);

    public static CallerResolution Of(SchemeCaller caller) => new(caller, null);

    public static CallerResolution Fail(string logForm) => new(null, logForm);

}
