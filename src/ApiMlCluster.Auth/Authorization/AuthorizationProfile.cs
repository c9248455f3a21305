namespace ApiMlCluster.Auth.Authorization;

/// <summary>
/// One profile of the rules file: class, (generic) resource name and its access list. Access is a rank:
/// <see cref="None"/>, or an <see cref="AccessLevel"/> as int, so NONE on a specific profile can take a broader grant away.
/// </summary>
internal sealed record AuthorizationProfile(string ResourceClass, ResourceProfile Profile, Dictionary<string, int> Users, Dictionary<string, int> Groups)
{
    public const int None = -1;

    /// <summary>The access-list entry for every user not otherwise listed (RACF's <c>ID(*)</c>).</summary>
    public const string Everyone = "*";
}
