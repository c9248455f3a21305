using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using ApiMlCluster.Core.Configuration;

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

    /// <summary>Whether chains are checked for revoked certificates (CRL or OCSP).</summary>
    public RevocationCheck Revocation { get; init; } = RevocationCheck.None;

    /// <summary>With revocation checks on, a cached answer is asked again after this, so a revocation takes effect.</summary>
    public static readonly TimeSpan RevocationRecheck = TimeSpan.FromMinutes(5);

    private const int TrustCacheCapacity = 1024;
    private const X509ChainStatusFlags UnknownRevocation = X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation;
    private readonly ConcurrentDictionary<string, (bool Trusted, long CheckedAt)> trustByCertificate = new(StringComparer.Ordinal);

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
        var tick = Environment.TickCount64;
        if (trustByCertificate.TryGetValue(key, out var cached)
            && (Revocation == RevocationCheck.None || tick - cached.CheckedAt < (long)RevocationRecheck.TotalMilliseconds))
        {
            return cached.Trusted;
        }

        var trusted = BuildChain(certificate, null);
        if (trustByCertificate.Count >= TrustCacheCapacity)
        {
            trustByCertificate.Clear();
        }

        trustByCertificate[key] = (trusted, tick);
        return trusted;
    }

    private bool BuildChain(X509Certificate2 certificate, X509Certificate2Collection? presentedChain)
    {
        using var chainBuilder = new X509Chain();
        chainBuilder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chainBuilder.ChainPolicy.CustomTrustStore.AddRange(TrustAnchors);
        chainBuilder.ChainPolicy.RevocationMode = Revocation == RevocationCheck.None ? X509RevocationMode.NoCheck : X509RevocationMode.Online;
        chainBuilder.ChainPolicy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        chainBuilder.ChainPolicy.UrlRetrievalTimeout = TimeSpan.FromSeconds(5);
        if (presentedChain is not null)
        {
            chainBuilder.ChainPolicy.ExtraStore.AddRange(presentedChain);
        }

        if (!chainBuilder.Build(certificate) && !(Revocation == RevocationCheck.OnlineSoftFail && OnlyRevocationUnknown(chainBuilder)))
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

    /// <summary>The chain failed only because some status could not be found out, never because a certificate is revoked or untrusted.</summary>
    private static bool OnlyRevocationUnknown(X509Chain chain) =>
        chain.ChainStatus.Length > 0 && chain.ChainStatus.All(s => (s.Status & ~UnknownRevocation) == X509ChainStatusFlags.NoError);

    public void Dispose()
    {
        ServerCertificate.Dispose();
    }
}
