namespace ApiMlCluster.Auth.Authorization;

/// <summary>SAF's names for <see cref="AccessLevel"/>, as zowe.yaml, rule files, request bodies and the endpoint URL spell them.</summary>
internal static class AccessLevels
{
    public static bool TryParse(string? text, out AccessLevel level)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "READ":
                level = AccessLevel.Read;
                return true;
            case "UPDATE":
                level = AccessLevel.Update;
                return true;
            case "CONTROL":
                level = AccessLevel.Control;
                return true;
            case "ALTER":
                level = AccessLevel.Alter;
                return true;
            default:
                level = default;
                return false;
        }
    }

    public static string Name(AccessLevel level) => level switch
    {
        AccessLevel.Read => "READ",
        AccessLevel.Update => "UPDATE",
        AccessLevel.Control => "CONTROL",
        _ => "ALTER",
    };
}
