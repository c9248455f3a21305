using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ApiMlCluster.Auth.Tests.Tokens;

/// <summary>Key material made in-test, and raw JWT assembly for tokens no honest library would produce.</summary>
internal static class TestKeys
{
    // RSA key generation dominates test time; two keys cover "current" and "previous" for every test.
    private static readonly Lazy<X509Certificate2> CurrentCertificate = new(() => CreateCertificate("CN=apiml-current"));
    private static readonly Lazy<X509Certificate2> PreviousCertificate = new(() => CreateCertificate("CN=apiml-previous"));

    public static X509Certificate2 Current => CurrentCertificate.Value;

    public static X509Certificate2 Previous => PreviousCertificate.Value;

    public static X509Certificate2 CreateCertificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(now, now.AddYears(5));
    }

    public static string CertificatePem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static string PublicKeyPem(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey()!;
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    public static byte[] PublicKeyDer(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey()!;
        return rsa.ExportSubjectPublicKeyInfo();
    }

    public static string Segment(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    public static string Raw(object header, object payload, string signature = "") => $"{Segment(header)}.{Segment(payload)}.{signature}";

    public static string SignRs256(RSA key, object header, object payload)
    {
        var signingInput = $"{Segment(header)}.{Segment(payload)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    public static string SignHs256(byte[] secret, object header, object payload)
    {
        var signingInput = $"{Segment(header)}.{Segment(payload)}";
        var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>A payload with every claim the validator wants, valid around <paramref name="now"/>; callers override single claims.</summary>
    public static Dictionary<string, object> Payload(DateTimeOffset now, Action<Dictionary<string, object>>? change = null)
    {
        var payload = new Dictionary<string, object>
        {
            ["sub"] = "alice",
            ["iss"] = "APIML",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("D"),
        };
        change?.Invoke(payload);
        return payload;
    }
}
