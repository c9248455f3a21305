using System.Security.Cryptography;

namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// RACF's enhanced (HMAC-SHA-512) PassTicket algorithm as IBM's sample EnhancedPassTicketGenerator.java
/// implements it (the sample states it follows z/OS Security Server RACF Macros and Interfaces): HMAC of user ID
/// and APPLID, XOR with a 6-byte time, six rounds of a 24-bit Feistel network keyed by HMAC, then base-36
/// (upper-case type) or base-64 (mixed-case type) digits. Step numbers and letters follow the sample's comments.
/// </summary>
internal static class EnhancedPassTicket
{
    public const int TicketLength = 8;

    /// <summary>The translation characters; the upper-case type uses only the first 36.</summary>
    public const string Characters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

    private const int Rounds = 6;
    private const int HalfMask = 0xFFFFFF;

    // Upper-case type, odd rounds: only the lowest bit of the left byte survives, so the final left half has 17
    // significant bits and the 41-bit result fits exactly in eight base-36 digits.
    private const int UpperRoundMask = 0x01FFFF;

    /// <summary>Steps 1–2: the user ID and APPLID fields (16 EBCDIC bytes) and their HMAC-SHA-512.</summary>
    public static void UserApplicationDigest(ReadOnlySpan<byte> key, ReadOnlySpan<byte> userApplication, Span<byte> digest) =>
        HMACSHA512.HashData(key, userApplication, digest);

    /// <summary>Steps 3–4: seconds since 1970-01-01 GMT as 6 big-endian bytes, XOR the digest's first 6 bytes.</summary>
    public static ulong TimeCoderInput(ReadOnlySpan<byte> digest, long unixSeconds) =>
        ((ulong)unixSeconds & 0xFFFF_FFFF_FFFF) ^ First48Bits(digest);

    /// <summary>Step 5, the time-coder: six rounds on 3-byte halves, each keyed by HMAC of the right half,
    /// the round number and the 16 name bytes.</summary>
    public static ulong TimeCoder(ReadOnlySpan<byte> key, ReadOnlySpan<byte> userApplication, ulong input, bool mixedCase)
    {
        Span<byte> buffer = stackalloc byte[20];
        userApplication.CopyTo(buffer[4..]);
        var left = (int)(input >> 24) & HalfMask;
        var right = (int)input & HalfMask;
        for (var round = 1; round <= Rounds; round++)
        {
            var result = left ^ RoundValue(key, buffer, right, round);
            if (!mixedCase && round % 2 == 1)
            {
                result &= UpperRoundMask;
            }

            left = right;
            right = result;
        }

        return ((ulong)left << 24) | (uint)right;
    }

    /// <summary>
    /// Runs the time-coder backwards. In the upper-case type an odd round drops the top 7 bits of its result,
    /// but what it drops is known: rounds 3 and 5 take as left half an earlier masked result (top bits zero), and
    /// round 1 takes the time XOR the digest, whose time bits above bit 40 are zero until the year 71,700.
    /// </summary>
    public static ulong InverseTimeCoder(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> userApplication, ReadOnlySpan<byte> digest, ulong output, bool mixedCase)
    {
        Span<byte> buffer = stackalloc byte[20];
        userApplication.CopyTo(buffer[4..]);
        var left = (int)(output >> 24) & HalfMask;
        var right = (int)output & HalfMask;
        var digestLeft = (int)(First48Bits(digest) >> 24);
        for (var round = Rounds; round >= 1; round--)
        {
            var result = right;
            right = left;
            left = (result ^ RoundValue(key, buffer, right, round)) & HalfMask;
            if (!mixedCase && round % 2 == 1)
            {
                var droppedBits = round == 1 ? digestLeft & ~UpperRoundMask : 0;
                left = (left & UpperRoundMask) | droppedBits;
            }
        }

        return ((ulong)left << 24) | (uint)right;
    }

    /// <summary>Step 6: eight digits of the 48-bit result in base 36 or 64, most significant first.</summary>
    public static void Translate(ulong result, bool mixedCase, Span<char> destination)
    {
        var radix = mixedCase ? 64u : 36u;
        for (var position = TicketLength - 1; position >= 0; position--)
        {
            destination[position] = Characters[(int)(result % radix)];
            result /= radix;
        }
    }

    /// <summary>
    /// The time-coder output a ticket came from; false if a character is outside the type's alphabet or, for
    /// the upper-case type, the value could not have come out of the time-coder.
    /// </summary>
    public static bool TryUntranslate(ReadOnlySpan<char> ticket, bool mixedCase, out ulong result)
    {
        result = 0;
        if (ticket.Length != TicketLength)
        {
            return false;
        }

        var radix = mixedCase ? 64 : 36;
        foreach (var character in ticket)
        {
            var digit = Characters.AsSpan(0, radix).IndexOf(character);
            if (digit < 0)
            {
                return false;
            }

            result = (result * (ulong)radix) + (ulong)digit;
        }

        return mixedCase || result >> 24 <= UpperRoundMask;
    }

    public static void Generate(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> userApplication, long unixSeconds, bool mixedCase, Span<char> destination)
    {
        Span<byte> digest = stackalloc byte[HMACSHA512.HashSizeInBytes];
        UserApplicationDigest(key, userApplication, digest);
        var output = TimeCoder(key, userApplication, TimeCoderInput(digest, unixSeconds), mixedCase);
        Translate(output, mixedCase, destination);
    }

    /// <summary>
    /// Finds the second at which <paramref name="ticket"/> was generated for this user and APPLID, if it lies
    /// within <paramref name="windowSeconds"/> of <paramref name="nowUnixSeconds"/>, by undoing steps 6, 5, 4.
    /// </summary>
    public static bool TryFindGenerationTime(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> userApplication,
        ReadOnlySpan<char> ticket,
        bool mixedCase,
        long nowUnixSeconds,
        int windowSeconds,
        out long generatedAt)
    {
        generatedAt = 0;
        if (!TryUntranslate(ticket, mixedCase, out var output))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[HMACSHA512.HashSizeInBytes];
        UserApplicationDigest(key, userApplication, digest);
        var input = InverseTimeCoder(key, userApplication, digest, output, mixedCase);
        generatedAt = (long)(input ^ First48Bits(digest));
        return Math.Abs(generatedAt - nowUnixSeconds) <= windowSeconds;
    }

    private static int RoundValue(ReadOnlySpan<byte> key, Span<byte> buffer, int right, int round)
    {
        // Steps B–D: the right half, the round number and the 16 name bytes, HMACed; the left 3 bytes are used.
        buffer[0] = (byte)(right >> 16);
        buffer[1] = (byte)(right >> 8);
        buffer[2] = (byte)right;
        buffer[3] = (byte)round;
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        HMACSHA512.HashData(key, buffer, mac);
        return (mac[0] << 16) | (mac[1] << 8) | mac[2];
    }

    private static ulong First48Bits(ReadOnlySpan<byte> digest) =>
        ((ulong)digest[0] << 40) | ((ulong)digest[1] << 32) | ((ulong)digest[2] << 24)
        | ((ulong)digest[3] << 16) | ((ulong)digest[4] << 8) | digest[5];
}
