namespace ApiMlCluster.Discovery.Metadata;

/// <summary>Zowe's southbound authentication schemes (<c>AuthenticationScheme</c>, identical in v2 and v3).</summary>
internal enum AuthenticationScheme
{
    Bypass,
    ZoweJwt,
    HttpBasicPassTicket,
    Zosmf,
    X509,
    SafIdt,
}

internal static class AuthenticationSchemes
{
    public static string ToMetadata(this AuthenticationScheme scheme) => scheme switch
    {
        AuthenticationScheme.Bypass => "bypass",
        AuthenticationScheme.ZoweJwt => "zoweJwt",
        AuthenticationScheme.HttpBasicPassTicket => "httpBasicPassTicket",
        AuthenticationScheme.Zosmf => "zosmf",
        AuthenticationScheme.X509 => "x509",
        _ => "safIdt",
    };

    /// <summary>
    /// Case-sensitive, like Zowe's <c>AuthenticationScheme.fromString</c> (a map lookup): <c>ZoweJWT</c> is not a scheme.
    /// </summary>
    public static bool TryParse(string? text, out AuthenticationScheme scheme)
    {
        foreach (var candidate in Enum.GetValues<AuthenticationScheme>())
        {
            if (string.Equals(candidate.ToMetadata(), text, StringComparison.Ordinal))
            {
                scheme = candidate;
                return true;
            }
        }

        scheme = AuthenticationScheme.Bypass;
        return false;
    }
}
