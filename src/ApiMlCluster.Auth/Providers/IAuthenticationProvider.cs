namespace ApiMlCluster.Auth.Providers;

/// <summary>
/// Checks a user's password against one identity store. Chosen by
/// <c>components.gateway.apiml.security.auth.provider</c>; the rest of the service never knows which one runs.
/// </summary>
internal interface IAuthenticationProvider
{
    /// <summary>The provider's name as zowe.yaml spells it.</summary>
    string Name { get; }

    /// <summary>
    /// Never throws for an answer the store gave (wrong password, store down): those are outcomes.
    /// <see cref="LoginCredentials.NewPassword"/>, when set, changes the password first and logs in with the new one.
    /// </summary>
    Task<AuthenticationOutcome> AuthenticateAsync(LoginCredentials credentials, CancellationToken cancellationToken);

    /// <summary>Ends what the provider handed out for the session (z/OSMF invalidates its JWT or LTPA token); best effort.</summary>
    Task EndSessionAsync(IReadOnlyDictionary<string, string> southboundCredentials, CancellationToken cancellationToken);
}
