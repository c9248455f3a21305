using System.Globalization;
using System.Security.Cryptography;

namespace ApiMlCluster.Auth.Providers.FileStore;

/// <summary>
/// A stored password, encoded as <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt, base64&gt;$&lt;hash, base64&gt;</c>.
/// The iteration count travels with each hash so <see cref="CurrentIterations"/> can be raised without
/// invalidating passwords already stored.
/// </summary>
internal sealed class PasswordHash
{
    public const string Scheme = "pbkdf2-sha256";
    public const int CurrentIterations = 100_000;
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    // A hand-edited count in the millions would let one login pin a core for minutes.
    public const int MaxIterations = 10_000_000;

    private const int MinSaltBytes = 8;
    private const int MinHashBytes = 16;
    private const int MaxHashBytes = 64;

    private readonly byte[] salt;
    private readonly byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    public int Iterations { get; }

    public static PasswordHash Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(CurrentIterations, salt, Derive(password, salt, CurrentIterations, HashBytes));
    }

    /// <exception cref="FormatException">The text is not a hash this class wrote; the message says why without repeating it.</exception>
    public static PasswordHash Parse(string encoded)
    {
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            throw new FormatException($"hash must look like {Scheme}$<iterations>$<salt base64>$<hash base64>");
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1 or > MaxIterations)
        {
            throw new FormatException($"iteration count must be a number from 1 to {MaxIterations}");
        }

        var salt = Base64(parts[2], "salt");
        var hash = Base64(parts[3], "hash");
        if (salt.Length < MinSaltBytes)
        {
            throw new FormatException($"salt must be at least {MinSaltBytes} bytes");
        }

        if (hash.Length is < MinHashBytes or > MaxHashBytes)
        {
            throw new FormatException($"hash must be {MinHashBytes} to {MaxHashBytes} bytes");
        }

        return new PasswordHash(iterations, salt, hash);
    }

    public bool Verify(string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, salt, Iterations, hash.Length), hash);

    public string Encode() =>
        string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));

    public override string ToString() => $"{Scheme} ({Iterations} iterations)";

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, length);

    private static byte[] Base64(string text, string what)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{what} is not base64");
        }
    }
}
