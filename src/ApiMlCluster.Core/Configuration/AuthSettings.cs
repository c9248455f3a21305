namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// The authentication service's settings, read from <c>components.gateway.apiml.security.*</c> the way Zowe names them.
/// </summary>
public sealed record AuthSettings
{
    public const string DefaultCookieName = "apimlAuthenticationToken";

    /// <summary><c>dummy</c>, <c>file</c> or <c>zosmf</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The session cookie; <c>apimlAuthenticationToken.&lt;zowe.cookieIdentifier&gt;</c> in unique-cookie mode.</summary>
    public required string CookieName { get; init; }

    public required TimeSpan TokenLifetime { get; init; }

    /// <summary>Zowe's test hook: this user gets a short token (<c>expire</c>, 50 s), with the dummy provider only.</summary>
    public required string? ShortLivedUser { get; init; }

    public required TimeSpan ShortTokenLifetime { get; init; }

    /// <summary>
    /// How often each node drops revocations and sessions of tokens that have expired (plus a clock-skew margin) and
    /// shortens its journal; <c>tokenProperties.cleanupIntervalInSeconds</c>, 600 by default.
    /// </summary>
    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Logins (and token refreshes) per source address, <c>security.rateLimit.login.{capacity,tokens,refillDuration}</c>:
    /// 200 at once, 100 more each second. Besides the per-user failure throttle, this bounds what one address can cost
    /// the provider (z/OSMF) and the revocation set.
    /// </summary>
    public SourceRateLimit LoginRateLimit { get; init; } = DefaultLoginRateLimit;

    /// <summary>PAT generations per source address, <c>security.rateLimit.accessToken.*</c>: 20 at once, 10 more each second.</summary>
    public SourceRateLimit AccessTokenRateLimit { get; init; } = DefaultAccessTokenRateLimit;

    public static readonly SourceRateLimit DefaultLoginRateLimit = new(200, 100, TimeSpan.FromSeconds(1));

    public static readonly SourceRateLimit DefaultAccessTokenRateLimit = new(20, 10, TimeSpan.FromSeconds(1));

    /// <summary>How long audit records are kept (<c>security.audit.retentionDays</c>, 90 by default).</summary>
    public TimeSpan AuditRetention { get; init; } = TimeSpan.FromDays(90);

    public required bool AllowTokenRefresh { get; init; }

    public required bool X509Enabled { get; init; }

    /// <summary>A YAML file mapping certificate DNs or CNs to user ids; required when x509 login is enabled.</summary>
    public required string? X509MappingFile { get; init; }

    /// <summary>The users file of the <c>file</c> provider.</summary>
    public required string UsersFile { get; init; }

    /// <summary>Public keys (PEM certificates or public keys) accepted besides this node's own signing key: the previous key while keys rotate, or peers' keys when nodes do not share a keystore.</summary>
    public required IReadOnlyList<string> VerificationKeyFiles { get; init; }

    public required ZosmfSettings? Zosmf { get; init; }

    public AuthorizationSettings Authorization { get; init; } = AuthorizationSettings.GrantNothing;

    /// <summary>
    /// <c>personalAccessToken.enabled</c>. Default true (Zowe: false, because its PAT storage needs Infinispan; here the
    /// storage is the cluster's own and always there). When false the PAT endpoints do not exist and the gateway ignores PATs.
    /// </summary>
    public bool PersonalAccessTokensEnabled { get; init; } = true;
}

/// <summary>Where z/OSMF is (<c>zOSMF.host</c>, <c>zOSMF.port</c>) and which token it is expected to return.</summary>
public sealed record ZosmfSettings(string Host, int Port, ZosmfTokenMode TokenMode)
{
    public Uri BaseUri => new UriBuilder(Uri.UriSchemeHttps, Host, Port).Uri;
}

/// <summary><c>components.gateway.apiml.security.auth.zosmf.jwtAutoconfiguration</c>: the z/OSMF token kept for southbound use.</summary>
public enum ZosmfTokenMode
{
    Jwt,
    Ltpa,
}
