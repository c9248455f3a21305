namespace ApiMlCluster.Auth.Providers;

/// <summary>What an <see cref="IAuthenticationProvider"/> answered; each case maps to one Zowe message.</summary>
internal abstract record AuthenticationOutcome
{
    /// <summary>The user is who they claim. <paramref name="SouthboundCredentials"/> are kept in the session for calls to services (z/OSMF JWT or LTPA).</summary>
    public sealed record Authenticated(string UserId, string? Domain, IReadOnlyDictionary<string, string> SouthboundCredentials) : AuthenticationOutcome;

    /// <summary>Wrong user or password: 401 ZWEAG120E.</summary>
    public sealed record InvalidCredentials : AuthenticationOutcome;

    /// <summary>The store could not be asked (down, timed out, TLS failure): 503 ZWEAG104E, never a 401.</summary>
    public sealed record Unavailable(string Reason) : AuthenticationOutcome;

    /// <summary>z/OSMF answered with another token type than configured: 401 ZWEAS123E.</summary>
    public sealed record InvalidTokenType : AuthenticationOutcome;
}

/// <summary>Keys of <see cref="AuthenticationOutcome.Authenticated.SouthboundCredentials"/>.</summary>
internal static class SouthboundCredentialNames
{
    public const string ZosmfJwt = "zosmf.jwt";
    public const string ZosmfLtpa = "zosmf.ltpa";
}
