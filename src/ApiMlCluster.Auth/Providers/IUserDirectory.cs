namespace ApiMlCluster.Auth.Providers;

/// <summary>
/// Implemented by providers that can tell whether a user exists without a password (the <c>file</c> provider).
/// Revoking the PATs of a user such a provider does not know answers 404; other providers (dummy, z/OSMF) cannot
/// tell, so the rule is recorded for any user id.
/// </summary>
internal interface IUserDirectory
{
    /// <summary>Null when the store cannot be read right now.</summary>
    bool? Exists(string userId);
}
