using System.Net;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Core.Certificates;

/// <summary>
/// Zowe's local certificate layout under <c>&lt;workspace&gt;/keystore</c>, created on first run when no
/// keystore is configured: <c>local_ca/localca.cer</c>, <c>local_ca/localca.keystore.p12</c>,
/// <c>localhost/localhost.keystore.p12</c> (alias <c>localhost</c>), <c>localhost/localhost.truststore.p12</c>,
/// <c>localhost/localhost.pem</c> and <c>localhost/localhost.key</c>, all with the development password.
/// </summary>
public static class DevelopmentCertificates
{
    public static string KeystoreRoot(string workspaceDirectory) => Path.Combine(workspaceDirectory, "keystore");

    /// <summary>
    /// Creates the layout unless it exists. Several nodes of one local cluster share a workspace and may start
    /// together, so creation happens under an exclusive lock file and is skipped by whoever comes second.
    /// </summary>
    /// <returns>True when this call generated the certificates.</returns>
    public static async Task<bool> EnsureAsync(NodeConfig config, TimeProvider clock, CancellationToken cancellationToken)
    {
        var root = KeystoreRoot(config.WorkspaceDirectory);
        var keystore = ((Pkcs12Key)config.Certificate.Key).File;
        Directory.CreateDirectory(root);
        await using var exclusive = await FileLock.AcquireAsync(Path.Combine(root, ".generate.lock"), TimeSpan.FromSeconds(60), cancellationToken);
        if (File.Exists(keystore))
        {
            return false;
        }

        using var authority = File.Exists(LocalCertificateAuthority.KeystorePath(root))
            ? LocalCertificateAuthority.Load(root, ZoweConfigLoader.DevelopmentPassword)
            : LocalCertificateAuthority.Create(clock);
        authority.Save(root, ZoweConfigLoader.DevelopmentPassword);

        var dnsNames = new List<string> { "localhost" };
        dnsNames.AddRange(config.Peers.Select(p => p.Hostname).Concat(config.ExternalDomains).Where(h => !IPAddress.TryParse(h, out _)));
        var addresses = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        addresses.AddRange(config.Peers.Select(p => p.Hostname).Concat(config.ExternalDomains)
            .Select(h => IPAddress.TryParse(h, out var ip) ? ip : null).OfType<IPAddress>());

        using var localhost = authority.Issue("localhost", dnsNames, addresses, clock);
        CertificateFiles.WriteIssuedSet(Path.GetDirectoryName(keystore)!, ZoweConfigLoader.DevelopmentAlias, localhost, authority.Certificate, ZoweConfigLoader.DevelopmentPassword);
        return true;
    }

    /// <summary>
    /// <c>apiml certs new-service</c>: a certificate for an onboarding service, signed by the local CA,
    /// written as <c>&lt;name&gt;.keystore.p12</c>, <c>.truststore.p12</c>, <c>.pem</c>, <c>.key</c> plus <c>localca.cer</c>.
    /// </summary>
    public static void IssueServiceCertificate(string keystoreRoot, string commonName, IReadOnlyList<string> subjectAlternativeNames, string outputDirectory, TimeProvider clock)
    {
        using var authority = LocalCertificateAuthority.Load(keystoreRoot, ZoweConfigLoader.DevelopmentPassword);
        var dns = subjectAlternativeNames.Where(n => !IPAddress.TryParse(n, out _)).Prepend(commonName).ToList();
        var ips = subjectAlternativeNames.Select(n => IPAddress.TryParse(n, out var ip) ? ip : null).OfType<IPAddress>().ToList();
        using var issued = authority.Issue(commonName, dns, ips, clock);
        var name = string.Concat(commonName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        CertificateFiles.WriteIssuedSet(outputDirectory, name, issued, authority.Certificate, ZoweConfigLoader.DevelopmentPassword);
        CertificateFiles.WritePublic(Path.Combine(outputDirectory, "localca.cer"), authority.Certificate.ExportCertificatePem());
    }
}
