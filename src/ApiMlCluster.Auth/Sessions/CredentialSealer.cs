using System.Security.Cryptography;
using System.Text.Json;

namespace ApiMlCluster.Auth.Sessions;

/// <summary>
/// Seals a session's southbound credentials with AES-256-GCM before they reach the journal or another node, bound to
/// the session id (associated data), so a row copied to another session does not open. The key is derived from the
/// node's signing key (<see cref="Tokens.JwtSigningKeys.DeriveSecret"/>): nodes that share a keystore open each
/// other's sessions, and a database dump alone reveals nothing.
/// </summary>
internal sealed class CredentialSealer(byte[] key)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static CredentialSealer From(Tokens.JwtSigningKeys keys) => new(keys.DeriveSecret("session-credentials"));

    public byte[] Seal(Guid sessionId, IReadOnlyDictionary<string, string> credentials)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(credentials);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), sessionId.ToByteArray());
        CryptographicOperations.ZeroMemory(plain);
        return sealedBytes;
    }

    /// <summary>The credentials, or null when the bytes were sealed with another key or for another session.</summary>
    public IReadOnlyDictionary<string, string>? Open(Guid sessionId, byte[] sealedBytes)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, sessionId.ToByteArray());
            return JsonSerializer.Deserialize<Dictionary<string, string>>(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
