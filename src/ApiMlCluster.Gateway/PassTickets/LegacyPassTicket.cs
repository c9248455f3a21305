using System.Buffers.Binary;
using System.Numerics;

namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// RACF's legacy (DES) PassTicket algorithm, step by step as IBM publishes it in "The PassTicket generator
/// algorithm" and "The time-coder algorithm" (z/OS Security Server RACF Macros and Interfaces; same text in
/// OS/390 SC28-1914 and in z/VM's RACF documentation). Step numbers in the comments are IBM's.
/// Everything works on stack buffers so that generating a ticket allocates nothing but the ticket string.
/// </summary>
internal static class LegacyPassTicket
{
    public const int TicketLength = 8;

    /// <summary>Step 6's table: 36 slots, A–Z then 0–9.</summary>
    public const string TranslationTable = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private const byte PadByte = 0x55;
    private const int Rounds = 6;

    // Figure "Permutation tables": for each round, the input bit (1 = leftmost of 16) that lands in output
    // positions 1..16.
    private static readonly byte[][] PermutationTables =
    [
        [10, 2, 12, 4, 14, 6, 16, 8, 9, 1, 11, 3, 13, 5, 15, 7],
        [1, 10, 3, 12, 13, 16, 7, 15, 9, 2, 11, 4, 5, 14, 8, 6],
        [3, 10, 1, 12, 13, 16, 9, 15, 7, 2, 14, 4, 5, 11, 8, 6],
        [10, 4, 12, 2, 14, 8, 16, 6, 9, 1, 13, 3, 11, 5, 15, 7],
        [4, 10, 12, 1, 8, 16, 14, 5, 9, 2, 13, 3, 11, 7, 15, 6],
        [1, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2],
    ];

    /// <summary>
    /// Steps 1–3, which do not depend on the time: encrypt the user ID, XOR with the APPLID, encrypt again and
    /// keep the left four bytes (Result-3).
    /// </summary>
    public static uint Result3(DesBlockCipher cipher, ReadOnlySpan<byte> user, ReadOnlySpan<byte> application)
    {
        Span<byte> block = stackalloc byte[DesBlockCipher.BlockSize];
        cipher.Encrypt(user, block);
        for (var i = 0; i < block.Length; i++)
        {
            block[i] ^= application[i];
        }

        cipher.Encrypt(block, block);
        return BinaryPrimitives.ReadUInt32BigEndian(block);
    }

    /// <summary>
    /// Step 4: Result-3 XOR the time, a 4-byte binary count of seconds since 1970-01-01 00:00 GMT. Four bytes
    /// hold the count until 2106; the truncation to 32 bits is the field's own width.
    /// </summary>
    public static uint Result4(uint result3, long unixSeconds) => result3 ^ (uint)unixSeconds;

    /// <summary>
    /// The time-coder's padding: the user ID without its blank padding, left-justified in 12 bytes filled with
    /// X'55'; PAD1 is the left half (rounds 1, 3, 5), PAD2 the right half (rounds 2, 4, 6).
    /// </summary>
    public static void TimeCoderPadding(ReadOnlySpan<byte> user, Span<byte> padding)
    {
        var length = user[..RacfNames.Length].TrimEnd(RacfNames.EbcdicBlank).Length;
        user[..length].CopyTo(padding);
        padding[length..12].Fill(PadByte);
    }

    /// <summary>Step 5, the time-coder (its steps A–I): six rounds of a 16-bit Feistel network keyed by DES.</summary>
    public static uint TimeCoder(DesBlockCipher cipher, ReadOnlySpan<byte> user, uint result4)
    {
        Span<byte> padding = stackalloc byte[12];
        TimeCoderPadding(user, padding);
        var left = (ushort)(result4 >> 16);
        var right = (ushort)result4;
        for (var round = 1; round <= Rounds; round++)
        {
            var resultE = (ushort)(RoundValue(cipher, right, padding, round) ^ left);
            left = right;
            right = Permute(resultE, round);
        }

        return ((uint)left << 16) | right;
    }

    /// <summary>
    /// Runs the time-coder backwards. A Feistel round is undone from its output alone (the permutation is a
    /// bijection and the round value depends only on the half that passes through), which lets the evaluator
    /// recover the generation time from a ticket instead of trying every second of the window.
    /// </summary>
    public static uint InverseTimeCoder(DesBlockCipher cipher, ReadOnlySpan<byte> user, uint result5)
    {
        Span<byte> padding = stackalloc byte[12];
        TimeCoderPadding(user, padding);
        var left = (ushort)(result5 >> 16);
        var right = (ushort)result5;
        for (var round = Rounds; round >= 1; round--)
        {
            var resultE = InversePermute(right, round);
            right = left;
            left = (ushort)(RoundValue(cipher, right, padding, round) ^ resultE);
        }

        return ((uint)left << 16) | right;
    }

    /// <summary>Step G: output bit n (1 = leftmost) is the input bit the round's table names.</summary>
    public static ushort Permute(ushort value, int round)
    {
        var table = PermutationTables[round - 1];
        var result = 0;
        for (var output = 0; output < 16; output++)
        {
            var bit = (value >> (16 - table[output])) & 1;
            result |= bit << (15 - output);
        }

        return (ushort)result;
    }

    public static ushort InversePermute(ushort value, int round)
    {
        var table = PermutationTables[round - 1];
        var result = 0;
        for (var output = 0; output < 16; output++)
        {
            var bit = (value >> (15 - output)) & 1;
            result |= bit << (16 - table[output]);
        }

        return (ushort)result;
    }

    /// <summary>
    /// Step 6: character 1 comes from bits 31, 32, 1, 2, 3, 4 of Result-5 (bit 1 leftmost), each next character
    /// from the six bits starting four further on (3–8, 7–12, … 27–32); the 6-bit number modulo 36 indexes
    /// <see cref="TranslationTable"/>.
    /// </summary>
    public static void Translate(uint result5, Span<char> destination)
    {
        for (var position = 0; position < TicketLength; position++)
        {
            destination[position] = TranslationTable[SixBits(result5, position) % 36];
        }
    }

    /// <summary>
    /// Every Result-5 that translates to <paramref name="ticket"/>. The translation is not one-to-one: a character
    /// at index i below 28 may come from i or i+36, and neighbouring characters share two bits, so a ticket has
    /// at most 256 and usually a handful of preimages. Returns how many were written to
    /// <paramref name="candidates"/> (which needs room for 256); 0 if a character is not in the table.
    /// </summary>
    public static int Untranslate(ReadOnlySpan<char> ticket, Span<uint> candidates)
    {
        if (ticket.Length != TicketLength)
        {
            return 0;
        }

        Span<int> indexes = stackalloc int[TicketLength];
        var ambiguous = 0;
        for (var position = 0; position < TicketLength; position++)
        {
            indexes[position] = TranslationTable.IndexOf(ticket[position]);
            if (indexes[position] < 0)
            {
                return 0;
            }

            if (indexes[position] + 36 < 64)
            {
                ambiguous |= 1 << position;
            }
        }

        var count = 0;
        for (var choice = 0; choice < 1 << TicketLength; choice++)
        {
            if ((choice & ~ambiguous) != 0)
            {
                continue;
            }

            if (TryCompose(indexes, choice, out var result5))
            {
                candidates[count++] = result5;
            }
        }

        return count;
    }

    public static void Generate(
        DesBlockCipher cipher, ReadOnlySpan<byte> user, ReadOnlySpan<byte> application, long unixSeconds, Span<char> destination)
    {
        var result4 = Result4(Result3(cipher, user, application), unixSeconds);
        Translate(TimeCoder(cipher, user, result4), destination);
    }

    /// <summary>
    /// Finds a second within <paramref name="windowSeconds"/> of <paramref name="nowUnixSeconds"/> at which
    /// <paramref name="ticket"/> is the ticket for this user and APPLID, by undoing steps 6, 5 and 4.
    /// </summary>
    public static bool TryFindGenerationTime(
        DesBlockCipher cipher,
        ReadOnlySpan<byte> user,
        ReadOnlySpan<byte> application,
        ReadOnlySpan<char> ticket,
        long nowUnixSeconds,
        int windowSeconds,
        out long generatedAt)
    {
        generatedAt = 0;
        Span<uint> candidates = stackalloc uint[256];
        var count = Untranslate(ticket, candidates);
        if (count == 0)
        {
            return false;
        }

        var result3 = Result3(cipher, user, application);
        long? nearest = null;
        foreach (var result5 in candidates[..count])
        {
            var time = InverseTimeCoder(cipher, user, result5) ^ result3;
            // The field is 32 bits wide, so compare modulo 2^32 with the current time.
            long offset = (int)(time - (uint)nowUnixSeconds);
            if (Math.Abs(offset) <= windowSeconds && (nearest is null || Math.Abs(offset) < Math.Abs(nearest.Value)))
            {
                nearest = offset;
            }
        }

        generatedAt = nowUnixSeconds + (nearest ?? 0);
        return nearest is not null;
    }

    private static ushort RoundValue(DesBlockCipher cipher, ushort right, ReadOnlySpan<byte> padding, int round)
    {
        // Steps B–D: R2B followed by PAD1 (odd rounds) or PAD2 (even rounds), encrypted, left two bytes kept.
        Span<byte> block = stackalloc byte[DesBlockCipher.BlockSize];
        BinaryPrimitives.WriteUInt16BigEndian(block, right);
        padding.Slice(round % 2 == 1 ? 0 : 6, 6).CopyTo(block[2..]);
        cipher.Encrypt(block, block);
        return BinaryPrimitives.ReadUInt16BigEndian(block);
    }

    // Character position p (0-based) starts at bit 31 + 4p (1-based, wrapping after 32).
    private static int StartBit(int position) => ((30 + (4 * position)) % 32) + 1;

    private static int SixBits(uint value, int position) =>
        (int)(BitOperations.RotateLeft(value, StartBit(position) - 1) >> 26);

    private static bool TryCompose(ReadOnlySpan<int> indexes, int choice, out uint result5)
    {
        result5 = 0;
        uint known = 0;
        for (var position = 0; position < TicketLength; position++)
        {
            var sixBits = (uint)(indexes[position] + ((choice >> position) & 1) * 36);
            var shift = StartBit(position) - 1;
            var placed = BitOperations.RotateRight(sixBits << 26, shift);
            var mask = BitOperations.RotateRight(0xFC000000u, shift);
            if (((result5 ^ placed) & mask & known) != 0)
            {
                return false;
            }

            result5 |= placed;
            known |= mask;
        }

        return true;
    }
}
