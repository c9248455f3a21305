using System.Security.Cryptography;

namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>An HMAC key for enhanced PassTickets (PTKTDATA SSIGNON EPTKEYLABEL, an ICSF HMAC key).</summary>
internal sealed class EnhancedPassTicketKey(byte[] key, bool mixedCase) : PassTicketKey
{
    // IBM's sample generator takes the HMAC-SHA-512 key as is; ICSF HMAC keys for enhanced PassTickets are 256 to
    // 2048 bits, 512 (one SHA-512 block's worth of security) recommended.
    public const int MinKeyLength = 32;
    public const int MaxKeyLength = 256;

    public override PassTicketAlgorithm Algorithm =>
        mixedCase ? PassTicketAlgorithm.EnhancedMixed : PassTicketAlgorithm.EnhancedUpper;

    public override void Generate(ReadOnlySpan<byte> userApplication, long unixSeconds, Span<char> destination) =>
        EnhancedPassTicket.Generate(key, userApplication, unixSeconds, mixedCase, destination);

    public override bool TryFindGenerationTime(
        ReadOnlySpan<byte> userApplication, ReadOnlySpan<char> ticket, long nowUnixSeconds, int windowSeconds, out long generatedAt) =>
        EnhancedPassTicket.TryFindGenerationTime(
            key, userApplication, ticket, mixedCase, nowUnixSeconds, windowSeconds, out generatedAt);

    public override void Dispose() => CryptographicOperations.ZeroMemory(key);
}
