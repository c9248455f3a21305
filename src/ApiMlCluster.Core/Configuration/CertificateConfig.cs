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
}

public abstract record KeyMaterial;

/// <summary>A PKCS12 keystore; a null <see cref="Alias"/> selects its only private-key entry.</summary>
public sealed record Pkcs12Key(string File, string Password, string? Alias) : KeyMaterial;

public sealed record PemKey(string CertificateFile, string KeyFile) : KeyMaterial;

public abstract record TrustMaterial;

public sealed record Pkcs12Trust(string File, string Password) : TrustMaterial;

public sealed record PemTrust(IReadOnlyList<string> Files) : TrustMaterial;
