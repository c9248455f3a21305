namespace ApiMlCluster.Auth.Tokens;

/// <summary>
/// The claims of an APIML token that the service acts on; <see cref="Id"/> is the <c>jti</c>. <see cref="Scopes"/> is
/// set only for a personal access token (<c>iss=APIML_PAT</c>): its lower-cased service ids.
/// </summary>
internal sealed record TokenClaims(Guid Id, string UserId, string? Domain, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, IReadOnlyList<string>? Scopes = null)
{
    public bool IsPersonalAccessToken => Scopes is not null;
}

/// <summary>A freshly signed token and its claims.</summary>
internal sealed record IssuedToken(string Jwt, TokenClaims Claims);

/// <summary>The result of checking a token's signature, issuer and lifetime (not its revocation).</summary>
internal abstract record TokenCheck
{
    public sealed record Valid(TokenClaims Claims) : TokenCheck;

    /// <summary>Signed by us and otherwise fine, but past <c>exp</c>: 401 ZWEAT100E.</summary>
    public sealed record Expired : TokenCheck;

    /// <summary>Anything else: 401 ZWEAG130E. The reason is for logs only.</summary>
    public sealed record Invalid(string Reason) : TokenCheck;
}
