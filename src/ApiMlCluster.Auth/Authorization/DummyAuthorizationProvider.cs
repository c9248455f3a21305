using ApiMlCluster.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace ApiMlCluster.Auth.Authorization;

/// <summary>
/// Zowe's <c>dummy</c> provider: grants read from a YAML file in the layout of Zowe's <c>saf.yml</c>
/// (class → resource → level → users). A missing file grants nothing, so an unconfigured node has no admins.
/// <code>
/// safAccess:
///   ZOWE:
///     APIML.SERVICES:
///       READ: [ALICE]
///       UPDATE: [ADMIN]
/// </code>
/// </summary>
internal sealed class DummyAuthorizationProvider : IAuthorizationProvider
{
    private const string Key = "components.gateway.apiml.security.authorization.dummy.file";
    private readonly Dictionary<(string Class, string Resource, string User), AccessLevel> grants;

    private DummyAuthorizationProvider(Dictionary<(string, string, string), AccessLevel> grants) => this.grants = grants;

    public static DummyAuthorizationProvider Load(string file)
    {
        var grants = new Dictionary<(string, string, string), AccessLevel>(GrantKeyComparer.Instance);
        if (!File.Exists(file))
        {
            return new DummyAuthorizationProvider(grants);
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

        if (yaml.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("safAccess"), out var node))
        {
            return new DummyAuthorizationProvider(grants);
        }

        foreach (var (resourceClass, resources) in Mapping(node, file, "safAccess"))
        {
            foreach (var (resource, levels) in Mapping(resources, file, $"safAccess.{resourceClass}"))
            {
                foreach (var (levelName, users) in Mapping(levels, file, $"safAccess.{resourceClass}.{resource}"))
                {
                    if (!Enum.TryParse<AccessLevel>(levelName, ignoreCase: true, out var level))
                    {
                        throw new ConfigException(Key, $"{file}: '{levelName}' is not READ, UPDATE, CONTROL or ALTER");
                    }

                    foreach (var user in users is YamlSequenceNode list ? list.Children.Select(u => u.ToString()) : [users.ToString()])
                    {
                        var grantKey = (resourceClass, resource, user);
                        grants[grantKey] = grants.TryGetValue(grantKey, out var held) && held > level ? held : level;
                    }
                }
            }
        }

        return new DummyAuthorizationProvider(grants);
    }

    public ValueTask<AuthorizationDecision> CheckAsync(string userId, ResourceCheck check, CancellationToken cancellationToken) =>
        ValueTask.FromResult(grants.TryGetValue((check.ResourceClass, check.ResourceName, userId), out var held) && held >= check.Level
            ? AuthorizationDecision.Allowed
            : AuthorizationDecision.Denied);

    private static IEnumerable<(string Key, YamlNode Value)> Mapping(YamlNode node, string file, string path) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Select(c => (c.Key.ToString(), c.Value))
            : throw new ConfigException(Key, $"{file}: {path} is not a mapping");

    /// <summary>SAF class, resource and user names are case-insensitive.</summary>
    private sealed class GrantKeyComparer : IEqualityComparer<(string, string, string)>
    {
        public static readonly GrantKeyComparer Instance = new();

        public bool Equals((string, string, string) x, (string, string, string) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1)
            && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2)
            && StringComparer.OrdinalIgnoreCase.Equals(x.Item3, y.Item3);

        public int GetHashCode((string, string, string) obj) => HashCode.Combine(
            StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1),
            StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2),
            StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item3));
    }
}
