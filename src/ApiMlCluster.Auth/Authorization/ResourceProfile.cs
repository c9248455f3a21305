namespace ApiMlCluster.Auth.Authorization;

/// <summary>
/// A RACF-style resource profile name: discrete (<c>APIML.SERVICES</c>) or generic, with <c>%</c> for one character,
/// <c>*</c> for any characters within one qualifier (alone: exactly one qualifier) and <c>**</c> for any number of
/// qualifiers, zero included. Names are compared case-insensitively (upper-cased once, here).
/// </summary>
internal sealed class ResourceProfile
{
    private readonly string[] qualifiers;

    private ResourceProfile(string name)
    {
        Name = name;
        qualifiers = name.Split('.');
        IsGeneric = name.AsSpan().IndexOfAny('%', '*') >= 0;
        var firstGeneric = name.AsSpan().IndexOfAny('%', '*');
        LiteralPrefix = firstGeneric < 0 ? name.Length : firstGeneric;
    }

    public string Name { get; }

    public bool IsGeneric { get; }

    /// <summary>Characters before the first generic character: RACF's measure of how specific a generic profile is.</summary>
    public int LiteralPrefix { get; }

    /// <summary>Null when the name is not a usable profile: empty qualifiers, or <c>**</c> inside a qualifier.</summary>
    public static ResourceProfile? Parse(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        if (upper.Length == 0 || upper.Split('.').Any(q => q.Length == 0 || (q.Contains("**", StringComparison.Ordinal) && q != "**")))
        {
            return null;
        }

        return new ResourceProfile(upper);
    }

    /// <summary>
    /// Orders matching profiles most specific first, as RACF picks the closest profile: a discrete profile, then the
    /// longer literal prefix (<c>APIML.SERVICES.*</c> before <c>APIML.*</c>), then one without <c>**</c>, then the longer name.
    /// </summary>
    public static int MoreSpecificFirst(ResourceProfile a, ResourceProfile b)
    {
        if (a.IsGeneric != b.IsGeneric)
        {
            return a.IsGeneric ? 1 : -1;
        }

        var byPrefix = b.LiteralPrefix.CompareTo(a.LiteralPrefix);
        if (byPrefix != 0)
        {
            return byPrefix;
        }

        var aDouble = a.qualifiers.Contains("**");
        var bDouble = b.qualifiers.Contains("**");
        if (aDouble != bDouble)
        {
            return aDouble ? 1 : -1;
        }

        var byLength = b.Name.Length.CompareTo(a.Name.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <param name="resource">Upper case.</param>
    public bool Matches(string resource)
    {
        if (!IsGeneric)
        {
            return string.Equals(Name, resource, StringComparison.Ordinal);
        }

        return MatchQualifiers(0, resource.Split('.'), 0);
    }

    private bool MatchQualifiers(int p, string[] names, int n)
    {
        if (p == qualifiers.Length)
        {
            return n == names.Length;
        }

        if (qualifiers[p] == "**")
        {
            for (var skip = n; skip <= names.Length; skip++)
            {
                if (MatchQualifiers(p + 1, names, skip))
                {
                    return true;
                }
            }

            return false;
        }

        return n < names.Length && MatchQualifier(qualifiers[p], 0, names[n], 0) && MatchQualifiers(p + 1, names, n + 1);
    }

    private static bool MatchQualifier(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    for (var rest = n; rest <= name.Length; rest++)
                    {
                        if (MatchQualifier(pattern, p + 1, name, rest))
                        {
                            return true;
                        }
                    }

                    return false;
                case '%':
                    if (n == name.Length)
                    {
                        return false;
                    }

                    break;
                default:
                    if (n == name.Length || pattern[p] != name[n])
                    {
                        return false;
                    }

                    break;
            }

            p++;
            n++;
        }

        return n == name.Length;
    }
}
