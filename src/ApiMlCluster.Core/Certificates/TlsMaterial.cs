using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace ApiMlCluster.Core.Certificates;

/// <summary>
/// The node's TLS identity and the anchors it trusts, loaded once at start. The same identity serves
/// HTTPS and signs outbound client-certificate calls; the anchors decide which client certificates count.
/// </summary>
public sealed class TlsMaterial(X509Certificate2 serverCertificate, X509Certificate2Collection chain, X509Certificate2Collection trustAnchors) : IDisposable
{
    public X509Certificate2 ServerCertificate { get; } = serverCertificate;

    /// <summary>Issuer certificates sent with the server certificate.</summary>
    public X509Certificate2Collection Chain { get; } = chain;

    public X509Certificate2Collection TrustAnchors { get; } = trustAnchors;

    /// <summary>Certificate or public-key SHA-256 fingerprints never trusted, whatever they chain to (upper-case hex).</summary>
    public IReadOnlySet<string> DeniedFingerprints { get; init; } = new HashSet<string>();

    private const int TrustCacheCapacity = 1024;
    private readonly ConcurrentDictionary<string, bool> trustByCertificate = new(StringComparer.Ordinal);

    /// <summary>
    /// True when <paramref name="certificate"/> chains to one of the truststore's anchors (and only those) and neither
    /// it nor a certificate of its chain is in <see cref="DeniedFingerprints"/>. Answers
    /// for certificates seen before come from a small cache: Eureka clients present the same certificate on every
    /// heartbeat, and building a chain costs far more than the rest of the request.
    /// </summary>
    public bool IsTrusted(X509Certificate2 certificate, X509Certificate2Collection? presentedChain = null)
    {
        var now = DateTime.Now;
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return false;
        }

        if (presentedChain is not null)
        {
            return BuildChain(certificate, presentedChain);
        }

        var key = Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));
        if (trustByCertificate.TryGetValue(key, out var trusted))
        {
            return trusted;
        }

        trusted = BuildChain(certificate, null);
        if (trustByCertificate.Count >= TrustCacheCapacity)
        {
            trustByCertificate.Clear();
        }

        trustByCertificate[key] = trusted;
        return trusted;
    }

    private bool BuildChain(X509Certificate2 certificate, X509Certificate2Collection? presentedChain)
    {
        using var chainBuilder = new X509Chain();
        chainBuilder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chainBuilder.ChainPolicy.CustomTrustStore.AddRange(TrustAnchors);
        chainBuilder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            chainBuilder.ChainPolicy.ExtraStore.AddRange(presentedChain);
        }

        if (!chainBuilder.Build(certificate))
        {
            return false;
        }

        if (DeniedFingerprints.Count == 0)
        {
            return true;
        }

        foreach (var element in chainBuilder.ChainElements)
        {
            var cert = element.Certificate;
            if (DeniedFingerprints.Contains(Convert.ToHexString(cert.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)))
                || DeniedFingerprints.Contains(PublicKeyFingerprint.Of(cert)))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        ServerCertificate.Dispose();
    }
}
