namespace ApiMlCluster.Core.Configuration;

/// <summary>
/// Where the node's TLS identity and trust anchors come from (<c>zowe.certificate.*</c>).
/// <see cref="IsGenerated"/> is true when no keystore was configured and the development layout
/// under <c>&lt;workspace&gt;/keystore</c> is used (and created on first run).
/// </summary>
public sealed record CertificateConfig(KeyMaterial Key, TrustMaterial Trust, bool IsGenerated)
{
    /// <summary>
    /// <c>zowe.certificate.truststore.deniedFingerprints</c>: SHA-256 fingerprints (upper-case hex) of certificates, or
    /// of public keys, that are never trusted even though they chain to an anchor: a revoked service certificate
    /// until its CA's revocation reaches every node, or a leaked key.
    /// </summary>
    public IReadOnlyList<string> DeniedFingerprints { get; init; } = [];

    /// <summary><c>zowe.certificate.truststore.revocationCheck</c>: whether chains are checked against their CAs' CRLs and OCSP responders.</summary>
    public RevocationCheck Revocation { get; init; } = RevocationCheck.None;
}

/// <summary>How a certificate's revocation is checked when it is trusted.</summary>
public enum RevocationCheck
{
    /// <summary>Not checked (Zowe's default); <c>deniedFingerprints</c> is the manual substitute.</summary>
    None,

    /// <summary>
    /// CRL or OCSP from the URLs in each certificate of the chain (its CRL distribution points and authority
    /// information access); a revoked certificate is refused, and so is one whose status cannot be found out.
    /// </summary>
    Online,

    /// <summary>As <see cref="Online"/>, but a certificate whose status cannot be found out (no URL, responder down) is accepted.</summary>
    OnlineSoftFail,
}

public abstract record KeyMaterial;

/// <summary>A PKCS12 keystore; a null <see cref="Alias"/> selects its only private-key entry.</summary>
public sealed record Pkcs12Key(string File, string Password, string? Alias) : KeyMaterial;

public sealed record PemKey(string CertificateFile, string KeyFile) : KeyMaterial;

public abstract record TrustMaterial;

public sealed record Pkcs12Trust(string File, string Password) : TrustMaterial;

public sealed record PemTrust(IReadOnlyList<string> Files) : TrustMaterial;
