namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// SAF resource checks (<c>components.gateway.apiml.security.authorization.*</c>): which provider answers them and
/// the resource the PAT admin calls need (Zowe: class <c>ZOWE</c>, name <c>APIML.SERVICES</c>).
/// </summary>
public sealed record AuthorizationSettings
{
    /// <summary><c>dummy</c> (default), <c>file</c> or <c>endpoint</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The dummy provider's grants, in Zowe's <c>saf.yml</c> layout; default <c>&lt;workspace&gt;/saf.yml</c>.</summary>
    public required string DummyFile { get; init; }

    /// <summary><c>authorization.resourceClass</c>, default <c>ZOWE</c>.</summary>
    public required string ResourceClass { get; init; }

    /// <summary><c>authorization.resourceNamePrefix</c>, default <c>APIML.</c>: the admin resource is this plus <c>SERVICES</c>.</summary>
    public required string ResourceNamePrefix { get; init; }

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
