using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ApiMlCluster.Core.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace ApiMlCluster.Auth.Tokens;

/// <summary>
/// The key that signs this node's tokens and the keys it accepts: its own, plus the configured
/// verification keys (the previous key while keys rotate, or peers' keys). Every key's <c>kid</c> is its
/// RFC 7638 thumbprint, so nodes holding the same key agree on its id without coordinating.
/// </summary>
internal sealed class JwtSigningKeys : IDisposable
{
    private const string KeystoreKey = "zowe.certificate.keystore";
    private const string VerificationKeysKey = "components.gateway.apiml.security.auth.jwt.verificationKeys";

    private readonly RSA signingRsa;
    private readonly Dictionary<string, SecurityKey> byKid;
    private readonly string allKeysJwks;
    private readonly string currentKeyJwks;
    private readonly string currentKeyPem;

    private JwtSigningKeys(RSA signingRsa, RSAParameters currentPublic, IReadOnlyList<RSAParameters> verificationKeys)
    {
        this.signingRsa = signingRsa;
        CurrentKeyId = Thumbprint(currentPublic);

        // CryptoProviderFactory.Default caches signature providers process-wide by key thumbprint, and a cached
        // provider keeps using the RSA object it was built with. After this instance is disposed (key reload, or just
        // a second instance over the same certificate) the next signer would get a provider over a disposed key.
        // A private factory that does not cache ties the provider's lifetime to each CreateToken call.
        var factory = new CryptoProviderFactory { CacheSignatureProviders = false };
        Signing = new SigningCredentials(
            new RsaSecurityKey(signingRsa) { KeyId = CurrentKeyId, CryptoProviderFactory = factory },
            SecurityAlgorithms.RsaSha256)
        {
            CryptoProviderFactory = factory,
        };

        var publicKeys = new List<(string Kid, RSAParameters Parameters)> { (CurrentKeyId, currentPublic) };
        foreach (var parameters in verificationKeys)
        {
            var kid = Thumbprint(parameters);
            if (publicKeys.TrueForAll(k => k.Kid != kid))
            {
                publicKeys.Add((kid, parameters));
            }
        }

        // Validation uses public-only keys, so no path that checks a signature can touch the private key.
        ValidationKeys = [.. publicKeys.Select(k => (SecurityKey)new RsaSecurityKey(k.Parameters) { KeyId = k.Kid })];
        byKid = ValidationKeys.ToDictionary(k => k.KeyId, StringComparer.Ordinal);
        allKeysJwks = Jwks(publicKeys);
        currentKeyJwks = Jwks(publicKeys.Take(1));
        using var current = RSA.Create(currentPublic);
        currentKeyPem = current.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>RS256 with this node's private key; the key carries <see cref="CurrentKeyId"/> so the token header names it.</summary>
    public SigningCredentials Signing { get; }

    public string CurrentKeyId { get; }

    /// <summary>The current key first, then the verification keys, each once.</summary>
    public IReadOnlyList<SecurityKey> ValidationKeys { get; }

    public static JwtSigningKeys Create(X509Certificate2 signingCertificate, IReadOnlyList<string> verificationKeyFiles)
    {
        ArgumentNullException.ThrowIfNull(signingCertificate);
        ArgumentNullException.ThrowIfNull(verificationKeyFiles);

        // Load the verification keys first: a bad file must not leave the private key handle undisposed.
        var verificationKeys = verificationKeyFiles.Select(LoadVerificationKey).ToList();

        var rsa = signingCertificate.GetRSAPrivateKey()
            ?? throw new ConfigException(KeystoreKey, $"the certificate '{signingCertificate.Subject}' has no RSA private key; APIML tokens are signed RS256 with the TLS key, so it must be an RSA key pair");
        try
        {
            // The public half from the certificate, not from the private key: an HSM-backed key may refuse export.
            using var publicRsa = signingCertificate.GetRSAPublicKey()!;
            return new JwtSigningKeys(rsa, publicRsa.ExportParameters(includePrivateParameters: false), verificationKeys);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    public bool TryGetKey(string kid, [MaybeNullWhen(false)] out SecurityKey key) => byKid.TryGetValue(kid, out key);

    /// <summary>The JWKS of every accepted key, public parts only.</summary>
    public string AllKeysJwks() => allKeysJwks;

    /// <summary>The JWKS of the signing key alone, public parts only.</summary>
    public string CurrentKeyJwks() => currentKeyJwks;

    /// <summary>The signing key's public half as a SubjectPublicKeyInfo PEM.</summary>
    public string CurrentKeyPem() => currentKeyPem;

    /// <summary>
    /// A 256-bit secret for <paramref name="purpose"/> that every node holding this private key derives alike, with
    /// nothing else to configure or store: HKDF over the key's PKCS#1 v1.5 signature of the purpose, which is
    /// deterministic and works with keys that refuse export.
    /// </summary>
    public byte[] DeriveSecret(string purpose)
    {
        var label = Encoding.UTF8.GetBytes("apiml:" + purpose);
        var signature = signingRsa.SignData(label, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, signature, 32, salt: [], info: label);
    }

    public void Dispose() => signingRsa.Dispose();

    private static string Thumbprint(RSAParameters parameters) =>
        Base64UrlEncoder.Encode(new RsaSecurityKey(parameters).ComputeJwkThumbprint());

    private static RSAParameters LoadVerificationKey(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException(VerificationKeysKey, $"{file}: cannot read the file ({e.Message})");
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new ConfigException(VerificationKeysKey, $"{file}: no PEM block; a PEM certificate or public key is expected");
        }

        var label = text.AsSpan()[fields.Label];
        var der = Convert.FromBase64String(text[fields.Base64Data]);
        try
        {
            if (label.SequenceEqual("CERTIFICATE"))
            {
                using var certificate = X509CertificateLoader.LoadCertificate(der);
                using var rsa = certificate.GetRSAPublicKey()
                    ?? throw new ConfigException(VerificationKeysKey, $"{file}: the certificate's key is {certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value}, not RSA");
                return rsa.ExportParameters(includePrivateParameters: false);
            }

            if (label.SequenceEqual("PUBLIC KEY"))
            {
                using var rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(der, out _);
                return rsa.ExportParameters(includePrivateParameters: false);
            }
        }
        catch (CryptographicException e)
        {
            throw new ConfigException(VerificationKeysKey, $"{file}: not an RSA {label.ToString().ToLowerInvariant()} ({e.Message})");
        }

        throw new ConfigException(VerificationKeysKey, $"{file}: holds a PEM '{label}' block; a PEM certificate or public key is expected");
    }

    private static string Jwks(IEnumerable<(string Kid, RSAParameters Parameters)> keys)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var (kid, parameters) in keys)
            {
                json.WriteStartObject();
                json.WriteString("kty", "RSA");
                json.WriteString("e", Base64UrlEncoder.Encode(parameters.Exponent));
                json.WriteString("n", Base64UrlEncoder.Encode(parameters.Modulus));
                json.WriteString("kid", kid);
                json.WriteString("use", "sig");
                json.WriteString("alg", SecurityAlgorithms.RsaSha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
