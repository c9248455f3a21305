namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// SAF resource checks (<c>components.gateway.apiml.security.authorization.*</c>): which provider answers them,
/// the resource the PAT admin calls need (Zowe: class <c>ZOWE</c>, name <c>APIML.SERVICES</c>) and the operator's
/// per-route checks.
/// </summary>
public sealed record AuthorizationSettings
{
    public const string Key = "components.gateway.apiml.security.authorization";

    /// <summary><c>dummy</c> (default), <c>file</c> or <c>endpoint</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The dummy provider's grants, in Zowe's <c>saf.yml</c> layout; default <c>&lt;workspace&gt;/saf.yml</c>.</summary>
    public required string DummyFile { get; init; }

    /// <summary><c>authorization.resourceClass</c>, default <c>ZOWE</c>.</summary>
    public required string ResourceClass { get; init; }

    /// <summary><c>authorization.resourceNamePrefix</c>, default <c>APIML.</c>: the admin resource is this plus <c>SERVICES</c>.</summary>
    public required string ResourceNamePrefix { get; init; }

    /// <summary>The <c>file</c> provider's rules (<c>authorization.file.path</c>), default <c>&lt;workspace&gt;/authorization.yaml</c>.</summary>
    public string RulesFile { get; init; } = "";

    /// <summary>The <c>endpoint</c> provider, when selected.</summary>
    public AuthorizationEndpointSettings? Endpoint { get; init; }

    /// <summary>Resource checks on routed requests (<c>authorization.routes</c>), in the operator's order.</summary>
    public IReadOnlyList<RouteResourceCheck> Routes { get; init; } = [];

    /// <summary>The dummy provider without a file: nobody is granted anything.</summary>
    public static AuthorizationSettings GrantNothing { get; } = new()
    {
        Provider = "dummy",
        DummyFile = "",
        ResourceClass = "ZOWE",
        ResourceNamePrefix = "APIML.",
    };

    public string AdminResource => ResourceNamePrefix + "SERVICES";
}

/// <summary>
/// Zowe's REST provider (<c>authorization.endpoint.*</c>): <c>GET {Url}/{user}/{class}/{entity}/{level}</c>, answered
/// within <see cref="Timeout"/>; decisions are cached for <see cref="CacheTtl"/>, at most <see cref="CacheSize"/> of them.
/// </summary>
public sealed record AuthorizationEndpointSettings(Uri Url, TimeSpan Timeout, TimeSpan CacheTtl, int CacheSize);

/// <summary>
/// One operator-configured check on routed requests: requests to <see cref="ServiceId"/> (and, when set, whose gateway
/// path after the service id starts with <see cref="PathPrefix"/>) need <see cref="AccessLevel"/> on the resource.
/// </summary>
/// <param name="PathPrefix">Without leading or trailing slash, e.g. <c>api/v1/admin</c>; null for every path of the service.</param>
/// <param name="AccessLevel">READ, UPDATE, CONTROL or ALTER (upper case).</param>
public sealed record RouteResourceCheck(string ServiceId, string? PathPrefix, string ResourceClass, string ResourceName, string AccessLevel);
