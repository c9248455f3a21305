namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// What the gateway needs to translate a caller's credentials for a service's authentication scheme, from
/// <c>components.gateway.apiml.security.*</c>: PassTicket keys per APPLID, the SAF IDT provider and custom headers.
/// </summary>
public sealed record GatewaySchemeSettings
{
    public static readonly GatewaySchemeSettings Default = new();

    /// <summary><c>auth.jwt.customAuthHeader</c>: a header that carries the JWT besides the cookie (zoweJwt).</summary>
    public string? JwtCustomAuthHeader { get; init; }

    /// <summary><c>auth.passticket.customUserHeader</c>: used only together with <see cref="PassTicketCustomAuthHeader"/>.</summary>
    public string? PassTicketCustomUserHeader { get; init; }

    /// <summary><c>auth.passticket.customAuthHeader</c>: used only together with <see cref="PassTicketCustomUserHeader"/>.</summary>
    public string? PassTicketCustomAuthHeader { get; init; }

    /// <summary><c>saf.urls.authenticate</c>: the ZSS-style endpoint that issues SAF identity tokens.</summary>
    public Uri? SafIdtUrl { get; init; }

    /// <summary><c>passTicket.keys.&lt;APPLID&gt;</c>.</summary>
    public IReadOnlyDictionary<string, PassTicketKeySetting> PassTicketKeys { get; init; } = new Dictionary<string, PassTicketKeySetting>();
}

/// <summary>One APPLID's PassTicket algorithm and key (hexadecimal), as configured.</summary>
public sealed record PassTicketKeySetting(string Algorithm, string Key)
{
    // The generated ToString would print the key; settings end up in logs and dumps.
    public override string ToString() => $"PassTicketKeySetting {{ Algorithm = {Algorithm}, Key = *** }}";
}
