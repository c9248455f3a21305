namespace ApiMlCluster.Discovery.Metadata;

/// <summary>
/// <c>apiml.authentication.*</c>. <see cref="Scheme"/> is null when the key is absent or names no scheme Zowe knows;
/// Zowe's gateway then installs no scheme filter, so the effective behaviour is bypass. <see cref="SchemeText"/>
/// keeps what the service sent, for diagnostics.
/// </summary>
internal sealed record ServiceAuthentication
{
    public static readonly ServiceAuthentication None = new();

    public AuthenticationScheme? Scheme { get; init; }

    public string? SchemeText { get; init; }

    public string? Applid { get; init; }

    /// <summary>x509 only: the comma list of certificate headers to send southbound.</summary>
    public string? Headers { get; init; }

    /// <summary>
    /// <c>apiml.authentication.passCredentials</c>: a bypass service that authenticates callers itself receives their
    /// token cookie, PAT and <c>Authorization</c> header. Without it no scheme passes them on, since every service
    /// shares the gateway's origin and would otherwise collect other services' credentials and users' passwords.
    /// </summary>
    public bool PassCredentials { get; init; }

    /// <summary>The explicit <c>apiml.authentication.sso</c>, null when absent or unreadable.</summary>
    public bool? Sso { get; init; }

    public AuthenticationScheme EffectiveScheme => Scheme ?? AuthenticationScheme.Bypass;

    /// <summary>Zowe's <c>Authentication.isEmpty</c>: no usable scheme and no applid.</summary>
    public bool IsEmpty => Scheme is null && Applid is null;

    /// <summary>
    /// Zowe's <c>Authentication.supportsSso()</c>: schemes that carry the caller's identity default to true, bypass
    /// (and no scheme) only when explicitly enabled.
    /// </summary>
    public bool SupportsSso => Scheme switch
    {
        null or AuthenticationScheme.Bypass => Sso == true,
        _ => Sso ?? true,
    };
}
