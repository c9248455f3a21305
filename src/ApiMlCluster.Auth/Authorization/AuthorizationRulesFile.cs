using System.Globalization;
using ApiMlCluster.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>
/// Reads and validates the <c>file</c> provider's rules. Layout (names are case-insensitive):
/// <code>
/// groups:                      # optional: group → members
///   APIMLADM: [ALICE, BOB]
/// rules:
///   - class: ZOWE
///     resource: APIML.SERVICES # discrete, or generic: % one character, * within a qualifier, ** any qualifiers
///     access: READ             # READ, UPDATE, CONTROL, ALTER or NONE
///     users: [CAROL]           # and/or groups; "*" stands for every user not listed otherwise
///     groups: [APIMLADM]
/// </code>
/// Rules naming the same class and resource form one profile. Any problem stops the node with the file and the entry.
/// </summary>
internal static class AuthorizationRulesFile
{
    public const string Key = AuthorizationSettings.Key + ".file.path";

    public sealed record Rules(IReadOnlyDictionary<string, string[]> Groups, IReadOnlyList<AuthorizationProfile> Profiles);

    public static Rules Read(string file)
    {
        if (!File.Exists(file))
        {
            throw new ConfigException(Key, $"the authorization rules file '{file}' does not exist");
        }

        YamlStream yaml;
        try
        {
            using var reader = File.OpenText(file);
            yaml = new YamlStream();
            yaml.Load(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            throw new ConfigException(Key, $"{file}: {e.Message}");
        }

        Exception Fail(string where, string problem) => new ConfigException(Key, $"{file}: {where}: {problem}");

        if (yaml.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root)
        {
            throw Fail("(root)", "expected a mapping with 'rules' (and optionally 'groups')");
        }

        foreach (var key in root.Children.Keys)
        {
            if (key.ToString() is not ("groups" or "rules"))
            {
                throw Fail(key.ToString(), "unknown key (allowed: groups, rules)");
            }
        }

        var groups = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("groups"), out var groupsNode))
        {
            if (groupsNode is not YamlMappingNode groupMap)
            {
                throw Fail("groups", "expected a mapping of group names to member lists");
            }

            foreach (var (name, members) in groupMap.Children)
            {
                var group = Name(name, "groups", Fail);
                groups[group] = Names(members, $"groups.{group}", Fail);
            }
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("rules"), out var rulesNode) || rulesNode is not YamlSequenceNode ruleList)
        {
            throw Fail("rules", "required: a list of rules");
        }

        var profiles = new Dictionary<(string Class, string Name), AuthorizationProfile>();
        for (var i = 0; i < ruleList.Children.Count; i++)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"rules[{i}]");
            if (ruleList.Children[i] is not YamlMappingNode rule)
            {
                throw Fail(where, "expected a mapping with class, resource, access and users or groups");
            }

            var fields = rule.Children.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal);
            foreach (var field in fields.Keys)
            {
                if (field is not ("class" or "resource" or "access" or "users" or "groups"))
                {
                    throw Fail($"{where}.{field}", "unknown key (allowed: class, resource, access, users, groups)");
                }
            }

            var resourceClass = Name(Required(fields, "class", where, Fail), $"{where}.class", Fail);
            var resourceText = Required(fields, "resource", where, Fail).ToString();
            var profile = ResourceProfile.Parse(resourceText)
                ?? throw Fail($"{where}.resource", $"'{resourceText}' is not a resource profile (empty qualifier, or ** inside a qualifier)");
            var accessText = Required(fields, "access", where, Fail).ToString().ToUpperInvariant();
            var access = accessText == "NONE"
                ? AuthorizationProfile.None
                : AccessLevels.TryParse(accessText, out var level) ? (int)level : throw Fail($"{where}.access", $"'{accessText}' is not READ, UPDATE, CONTROL, ALTER or NONE");
            var users = fields.TryGetValue("users", out var u) ? Names(u, $"{where}.users", Fail) : [];
            var ruleGroups = fields.TryGetValue("groups", out var g) ? Names(g, $"{where}.groups", Fail) : [];
            if (users.Length == 0 && ruleGroups.Length == 0)
            {
                throw Fail(where, "names no users and no groups");
            }

            foreach (var group in ruleGroups)
            {
                if (!groups.ContainsKey(group))
                {
                    throw Fail($"{where}.groups", $"group '{group}' is not defined under groups");
                }
            }

            if (!profiles.TryGetValue((resourceClass, profile.Name), out var existing))
            {
                profiles[(resourceClass, profile.Name)] = existing = new AuthorizationProfile(resourceClass, profile, new(StringComparer.Ordinal), new(StringComparer.Ordinal));
            }

            foreach (var user in users)
            {
                existing.Users[user] = Math.Max(existing.Users.GetValueOrDefault(user, AuthorizationProfile.None), access);
            }

            foreach (var group in ruleGroups)
            {
                existing.Groups[group] = Math.Max(existing.Groups.GetValueOrDefault(group, AuthorizationProfile.None), access);
            }
        }

        return new Rules(groups, profiles.Values.ToList());
    }

    private static YamlNode Required(Dictionary<string, YamlNode> fields, string name, string where, Func<string, string, Exception> fail) =>
        fields.TryGetValue(name, out var node) && node is YamlScalarNode { Value.Length: > 0 }
            ? node
            : throw fail($"{where}.{name}", "required (a single value)");

    private static string Name(YamlNode node, string where, Func<string, string, Exception> fail)
    {
        var text = node is YamlScalarNode { Value: { } value } ? value.Trim() : null;
        return text is { Length: > 0 } && !text.Any(char.IsWhiteSpace)
            ? text.ToUpperInvariant()
            : throw fail(where, $"'{node}' is not a name");
    }

    private static string[] Names(YamlNode node, string where, Func<string, string, Exception> fail) => node switch
    {
        YamlSequenceNode list => list.Children.Select((n, i) => Name(n, string.Create(CultureInfo.InvariantCulture, $"{where}[{i}]"), fail)).ToArray(),
        YamlScalarNode => [Name(node, where, fail)],
        _ => throw fail(where, "expected a list of names"),
    };
}
