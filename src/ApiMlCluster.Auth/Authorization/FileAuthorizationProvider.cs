using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>
/// The <c>file</c> provider: RACF-like profiles from a rules file (<see cref="AuthorizationRulesFile"/>). For a check,
/// the most specific profile of the class that matches the resource decides, as in RACF: the user's own entry, else
/// the highest entry of the user's groups, else the <c>*</c> entry, else no access. A more specific profile that
/// leaves the user out therefore denies, even when a broader one would grant.
/// </summary>
internal sealed class FileAuthorizationProvider : IAuthorizationProvider
{
    private readonly Dictionary<string, ClassProfiles> classes;
    private readonly Dictionary<string, string[]> groupsOfUser;

    private FileAuthorizationProvider(Dictionary<string, ClassProfiles> classes, Dictionary<string, string[]> groupsOfUser)
    {
        this.classes = classes;
        this.groupsOfUser = groupsOfUser;
    }

    /// <exception cref="ConfigException">The file is missing or breaks a rule; the message names the entry.</exception>
    public static FileAuthorizationProvider Load(string file)
    {
        var rules = AuthorizationRulesFile.Read(file);
        var classes = new Dictionary<string, ClassProfiles>(StringComparer.Ordinal);
        foreach (var profile in rules.Profiles)
        {
            if (!classes.TryGetValue(profile.ResourceClass, out var list))
            {
                classes[profile.ResourceClass] = list = new ClassProfiles();
            }

            list.Add(profile);
        }

        foreach (var list in classes.Values)
        {
            list.Sort();
        }

        var groupsOfUser = rules.Groups
            .SelectMany(g => g.Value.Select(user => (User: user, Group: g.Key)))
            .GroupBy(m => m.User, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Group).ToArray(), StringComparer.Ordinal);
        return new FileAuthorizationProvider(classes, groupsOfUser);
    }

    public ValueTask<AuthorizationDecision> CheckAsync(string userId, ResourceCheck check, CancellationToken cancellationToken)
    {
        var held = Access(userId.ToUpperInvariant(), check.ResourceClass.ToUpperInvariant(), check.ResourceName.ToUpperInvariant());
        return ValueTask.FromResult(held >= (int)check.Level ? AuthorizationDecision.Allowed : AuthorizationDecision.Denied);
    }

    /// <summary>The access rank the profile that covers the resource gives the user (<see cref="AuthorizationProfile.None"/> for none).</summary>
    private int Access(string user, string resourceClass, string resource)
    {
        if (!classes.TryGetValue(resourceClass, out var profiles) || profiles.Covering(resource) is not { } profile)
        {
            return AuthorizationProfile.None;
        }

        if (profile.Users.TryGetValue(user, out var own))
        {
            return own;
        }

        int? best = null;
        if (groupsOfUser.TryGetValue(user, out var groups))
        {
            foreach (var group in groups)
            {
                if (profile.Groups.TryGetValue(group, out var level))
                {
                    best = Math.Max(best ?? AuthorizationProfile.None, level);
                }
            }
        }

        return best ?? (profile.Users.TryGetValue(AuthorizationProfile.Everyone, out var everyone) ? everyone : AuthorizationProfile.None);
    }

    /// <summary>The profiles of one class, most specific first, so the first match is the one RACF would use.</summary>
    private sealed class ClassProfiles
    {
        private readonly List<AuthorizationProfile> profiles = [];

        public void Add(AuthorizationProfile profile) => profiles.Add(profile);

        public void Sort() => profiles.Sort((a, b) => ResourceProfile.MoreSpecificFirst(a.Profile, b.Profile));

        public AuthorizationProfile? Covering(string resource)
        {
            foreach (var profile in profiles)
            {
                if (profile.Profile.Matches(resource))
                {
                    return profile;
                }
            }

            return null;
        }
    }
}
