using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace ApiMlCluster.Auth.X509;

/// <summary>
/// Maps a client certificate to a user id for x509 login. The file (<c>components.gateway.apiml.security.x509.mappingFile</c>) is YAML:
/// <code>
/// mappings:
///   - dn: "CN=Alice Smith, OU=Dev, O=Example"   # full subject, compared after normalising spaces around commas
///     user: ALICE
///   - cn: bob                                   # or the common name alone
///     user: BOB
/// </code>
/// A DN entry wins over a CN entry. Only certificates that chain to the truststore are ever mapped.
/// </summary>
internal sealed class CertificateUserMapping
{
    private const string Key = "components.gateway.apiml.security.x509.mappingFile";
    private readonly Dictionary<string, string> userByDn;
    private readonly Dictionary<string, string> userByCn;

    private CertificateUserMapping(Dictionary<string, string> userByDn, Dictionary<string, string> userByCn)
    {
        this.userByDn = userByDn;
        this.userByCn = userByCn;
    }

    public static CertificateUserMapping Load(string file)
    {
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

        var byDn = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var byCn = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var root = yaml.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
        if (root?.Children.TryGetValue(new YamlScalarNode("mappings"), out var node) != true || node is not YamlSequenceNode mappings)
        {
            throw new ConfigException(Key, $"{file}: expected a 'mappings' list");
        }

        var index = 0;
        foreach (var entry in mappings.Children)
        {
            var fields = (entry as YamlMappingNode)?.Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString(), StringComparer.Ordinal)
                ?? throw new ConfigException(Key, $"{file}: mappings[{index}] is not a mapping");
            if (!fields.TryGetValue("user", out var user) || user.Length == 0)
            {
                throw new ConfigException(Key, $"{file}: mappings[{index}] has no user");
            }

            if (fields.TryGetValue("dn", out var dn) && dn.Length > 0)
            {
                byDn[NormalizeDn(dn)] = user;
            }
            else if (fields.TryGetValue("cn", out var cn) && cn.Length > 0)
            {
                byCn[cn] = user;
            }
            else
            {
                throw new ConfigException(Key, $"{file}: mappings[{index}] needs dn or cn");
            }

            index++;
        }

        return new CertificateUserMapping(byDn, byCn);
    }

    public string? UserOf(X509Certificate2 certificate)
    {
        if (userByDn.TryGetValue(NormalizeDn(certificate.Subject), out var user))
        {
            return user;
        }

        var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return cn.Length > 0 && userByCn.TryGetValue(cn, out user) ? user : null;
    }

    private static string NormalizeDn(string dn) =>
        string.Join(",", dn.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
