namespace ApiMlCluster.Auth.Tokens;

/// <summary>
/// The claims of an APIML token that the service acts on; <see cref="Id"/> is the <c>jti</c>. <see cref="Scopes"/> is
/// set only for a personal access token (<c>iss=APIML_PAT</c>): its lower-cased service ids. <see cref="ScopedTo"/> is
/// set only for a session token the gateway minted for a PAT caller: it carries the PAT's <c>jti</c>, <c>iat</c> and
/// scopes and expires no later, so it is good only where the PAT is and dies with the PAT's revocation or rules.
/// </summary>
internal sealed record TokenClaims(
    Guid Id,
    string UserId,
    string? Domain,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string>? Scopes = null,
    IReadOnlyList<string>? ScopedTo = null)
{
    public bool IsPersonalAccessToken => Scopes is not null;

    /// <summary>Whether a token limited to <see cref="ScopedTo"/> may be used for <paramref name="serviceId"/>; unlimited tokens always may.</summary>
    public bool Allows(string serviceId) =>
        ScopedTo is not { } scopes || scopes.Any(s => string.Equals(s, serviceId, StringComparison.OrdinalIgnoreCase));
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
