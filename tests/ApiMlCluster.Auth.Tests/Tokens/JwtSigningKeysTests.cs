using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ApiMlCluster.Auth.Tokens;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;
using Microsoft.IdentityModel.Tokens;

namespace ApiMlCluster.Auth.Tests.Tokens;

public sealed class JwtSigningKeysTests : IDisposable
{
    private const string VerificationKeysKey = "components.gateway.apiml.security.auth.jwt.verificationKeys";

    private readonly TempWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Create_SigningCertificate_KidIsRfc7638Thumbprint()
    {
        using var keys = JwtSigningKeys.Create(TestKeys.Current, []);

        using var rsa = TestKeys.Current.GetRSAPublicKey()!;
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        Assert.Equal(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), keys.CurrentKeyId);
        Assert.Equal(keys.CurrentKeyId, keys.Signing.Key.KeyId);
        Assert.Equal(SecurityAlgorithms.RsaSha256, keys.Signing.Algorithm);
    }

    [Fact]
    public void CurrentKeyJwks_SigningKey_HasKidAndRs256Metadata()
    {
        using var keys = JwtSigningKeys.Create(TestKeys.Current, []);

        var key = Assert.Single(Jwks(keys.CurrentKeyJwks()));
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal(keys.CurrentKeyId, key.GetProperty("kid").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("AQAB", key.GetProperty("e").GetString());
    }

    [Fact]
    public void AllKeysJwks_AnyKey_HoldsPublicPartsOnly()
    {
        using var keys = JwtSigningKeys.Create(TestKeys.Current, [workspace.WriteFile("old.pem", TestKeys.CertificatePem(TestKeys.Previous))]);

        var members = Jwks(keys.AllKeysJwks()).SelectMany(k => k.EnumerateObject().Select(p => p.Name)).Distinct().Order();
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], members);
    }

    [Fact]
    public void CurrentKeyPem_SigningKey_ImportsBackAsTheCertificatesPublicKey()
    {
        using var keys = JwtSigningKeys.Create(TestKeys.Current, []);

        var pem = keys.CurrentKeyPem();
        using var imported = RSA.Create();
        imported.ImportFromPem(pem);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem, StringComparison.Ordinal);
        Assert.Equal(TestKeys.PublicKeyDer(TestKeys.Current), imported.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void Create_CertificateWithoutPrivateKey_ThrowsConfigExceptionForKeystore()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(TestKeys.Current.Export(X509ContentType.Cert));

        var e = Assert.Throws<ConfigException>(() => JwtSigningKeys.Create(publicOnly, []));
        Assert.Equal("zowe.certificate.keystore", e.Key);
        Assert.Contains("no RSA private key", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EcCertificate_ThrowsConfigExceptionForKeystore()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=ec", ec, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));

        var e = Assert.Throws<ConfigException>(() => JwtSigningKeys.Create(certificate, []));
        Assert.Equal("zowe.certificate.keystore", e.Key);
    }

    [Fact]
    public void Create_VerificationKeyAsPublicKeyPem_IsAccepted()
    {
        using var previous = JwtSigningKeys.Create(TestKeys.Previous, []);
        using var keys = JwtSigningKeys.Create(TestKeys.Current, [workspace.WriteFile("old.pub", TestKeys.PublicKeyPem(TestKeys.Previous))]);

        Assert.True(keys.TryGetKey(previous.CurrentKeyId, out _));
    }

    [Fact]
    public void ValidationKeys_VerificationKeyEqualToCurrent_CurrentFirstAndNotDuplicated()
    {
        var files = new[]
        {
            workspace.WriteFile("self.pem", TestKeys.CertificatePem(TestKeys.Current)),
            workspace.WriteFile("old.pem", TestKeys.CertificatePem(TestKeys.Previous)),
            workspace.WriteFile("old.pub", TestKeys.PublicKeyPem(TestKeys.Previous)),
        };
        using var previous = JwtSigningKeys.Create(TestKeys.Previous, []);
        using var keys = JwtSigningKeys.Create(TestKeys.Current, files);

        Assert.Equal([keys.CurrentKeyId, previous.CurrentKeyId], keys.ValidationKeys.Select(k => k.KeyId));
    }

    [Fact]
    public void Jwks_RotatedKeys_AllHasBothKidsAndCurrentOnlyTheNewOne()
    {
        using var previous = JwtSigningKeys.Create(TestKeys.Previous, []);
        using var keys = JwtSigningKeys.Create(TestKeys.Current, [workspace.WriteFile("old.pem", TestKeys.CertificatePem(TestKeys.Previous))]);

        Assert.Equal([keys.CurrentKeyId, previous.CurrentKeyId], Jwks(keys.AllKeysJwks()).Select(k => k.GetProperty("kid").GetString()));
        Assert.Equal([keys.CurrentKeyId], Jwks(keys.CurrentKeyJwks()).Select(k => k.GetProperty("kid").GetString()));
    }

    [Fact]
    public void TryGetKey_UnknownKid_ReturnsFalse()
    {
        using var keys = JwtSigningKeys.Create(TestKeys.Current, []);

        Assert.False(keys.TryGetKey("../../dev/null", out _));
    }

    [Fact]
    public void Create_MissingVerificationKeyFile_ThrowsConfigExceptionNamingTheFile()
    {
        var missing = Path.Combine(workspace.Root, "missing.pem");

        var e = Assert.Throws<ConfigException>(() => JwtSigningKeys.Create(TestKeys.Current, [missing]));
        Assert.Equal(VerificationKeysKey, e.Key);
        Assert.StartsWith(missing + ": ", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_VerificationKeyFileWithoutPem_ThrowsConfigExceptionNamingTheFile()
    {
        var file = workspace.WriteFile("garbage.pem", "not a key");

        var e = Assert.Throws<ConfigException>(() => JwtSigningKeys.Create(TestKeys.Current, [file]));
        Assert.Equal(VerificationKeysKey, e.Key);
        Assert.StartsWith(file + ": ", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EcPublicKeyAsVerificationKey_ThrowsConfigExceptionNamingTheFile()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = workspace.WriteFile("ec.pub", ec.ExportSubjectPublicKeyInfoPem());

        var e = Assert.Throws<ConfigException>(() => JwtSigningKeys.Create(TestKeys.Current, [file]));
        Assert.Equal(VerificationKeysKey, e.Key);
        Assert.StartsWith(file + ": not an RSA public key", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EcCertificateAsVerificationKey_ThrowsConfigExceptionNamingTheFile()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=ec", ec, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        var file = workspace.WriteFile("ec.pem", certificate.ExportCertificatePem());

        var e = Assert.Throws<ConfigException>(() => JwtSigningKeys.Create(TestKeys.Current, [file]));
        Assert.Equal(VerificationKeysKey, e.Key);
        Assert.Contains("not RSA", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PrivateKeyPemAsVerificationKey_ThrowsConfigExceptionNamingTheFile()
    {
        using var rsa = RSA.Create(2048);
        var file = workspace.WriteFile("private.pem", rsa.ExportPkcs8PrivateKeyPem());

        var e = Assert.Throws<ConfigException>(() => JwtSigningKeys.Create(TestKeys.Current, [file]));
        Assert.Equal(VerificationKeysKey, e.Key);
        Assert.Contains("'PRIVATE KEY'", e.Problem, StringComparison.Ordinal);
    }

    private static List<JsonElement> Jwks(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.Clone())];
    }
}
