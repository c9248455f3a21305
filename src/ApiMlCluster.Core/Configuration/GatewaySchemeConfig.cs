namespace ApiMlCluster.Core.Configuration;

/// <summary>Reads <see cref="GatewaySchemeSettings"/>; a key given as a file is read here, so a missing file stops the node at start-up.</summary>
internal static class GatewaySchemeConfig
{
    private const string Security = "components.gateway.apiml.security";

    public static GatewaySchemeSettings Read(ConfigReader reader, string configDir)
    {
        var safUrl = reader.String($"{Security}.saf.urls.authenticate");
        Uri? safIdtUrl = null;
        if (safUrl is { Length: > 0 })
        {
            if (!Uri.TryCreate(safUrl, UriKind.Absolute, out safIdtUrl) || safIdtUrl.Scheme is not ("https" or "http"))
            {
                throw new ConfigException(reader.KeyName($"{Security}.saf.urls.authenticate"), $"'{safUrl}' is not an http(s) URL");
            }
        }

        return new GatewaySchemeSettings
        {
            JwtCustomAuthHeader = Header(reader, $"{Security}.auth.jwt.customAuthHeader"),
            PassTicketCustomUserHeader = Header(reader, $"{Security}.auth.passticket.customUserHeader"),
            PassTicketCustomAuthHeader = Header(reader, $"{Security}.auth.passticket.customAuthHeader"),
            SafIdtUrl = safIdtUrl,
            PassTicketKeys = ReadKeys(reader, configDir),
        };
    }

    private static string? Header(ConfigReader reader, string path)
    {
        var name = reader.String(path);
        if (name is not { Length: > 0 })
        {
            return null;
        }

        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ConfigException(reader.KeyName(path), $"'{name}' is not a valid header name");
        }

        return name;
    }

    private static Dictionary<string, PassTicketKeySetting> ReadKeys(ConfigReader reader, string configDir)
    {
        var path = $"{Security}.passTicket.keys";
        var keys = new Dictionary<string, PassTicketKeySetting>(StringComparer.OrdinalIgnoreCase);
        switch (reader.Merged.Find(path))
        {
            case null:
                return keys;
            case ConfigMap applications:
                foreach (var (applId, value) in applications)
                {
                    var entry = $"{path}.{applId}";
                    if (value is not ConfigMap)
                    {
                        throw new ConfigException(reader.KeyName(entry), "expected a mapping with algorithm and secret or secretFile");
                    }

                    var algorithm = reader.String($"{entry}.algorithm", "enhanced");
                    var inline = reader.String($"{entry}.secret");
                    var file = reader.String($"{entry}.secretFile");
                    if ((inline is null) == (file is null))
                    {
                        throw new ConfigException(reader.KeyName(entry), "give exactly one of secret and secretFile");
                    }

                    keys[applId] = new PassTicketKeySetting(algorithm, inline ?? ReadSecretFile(reader, $"{entry}.secretFile", configDir, file!));
                }

                return keys;
            default:
                throw new ConfigException(reader.KeyName(path), "expected a mapping of APPLIDs to keys");
        }
    }

    private static string ReadSecretFile(ConfigReader reader, string path, string configDir, string file)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(configDir, file));
        try
        {
            return File.ReadAllText(full).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(reader.KeyName(path), $"cannot read '{full}': {e.Message}");
        }
    }
}
