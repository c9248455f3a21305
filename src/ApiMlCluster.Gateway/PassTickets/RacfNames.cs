namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// Turns a user ID or APPLID into the 8-byte EBCDIC field the PassTicket algorithms take: upper-cased (RACF
/// folds user IDs to upper case; IBM's enhanced sample does the same to both names), left-justified and padded
/// with EBCDIC blanks. Only the characters RACF allows in these names are accepted: A–Z, 0–9, @, # and $.
/// Those characters have the same code points in code pages 037 and 1047 (IBM's samples use 1047, IBM-037
/// differs from it only outside this set), so the small table here is exact for both.
/// </summary>
internal static class RacfNames
{
    public const int Length = 8;
    public const byte EbcdicBlank = 0x40;

    public static bool TryEncode(ReadOnlySpan<char> name, Span<byte> destination)
    {
        // Callers may hand over a name already blank-padded to eight, as RACF fields are.
        name = name.TrimEnd(' ');
        if (name.IsEmpty || name.Length > Length)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var code = ToEbcdic(name[i]);
            if (code == 0)
            {
                return false;
            }

            destination[i] = code;
        }

        destination[name.Length..Length].Fill(EbcdicBlank);
        return true;
    }

    // Returns 0 for characters outside the accepted set; 0 is not the code of any of them.
    private static byte ToEbcdic(char c) => c switch
    {
        >= 'A' and <= 'I' => (byte)(0xC1 + (c - 'A')),
        >= 'J' and <= 'R' => (byte)(0xD1 + (c - 'J')),
        >= 'S' and <= 'Z' => (byte)(0xE2 + (c - 'S')),
        >= 'a' and <= 'z' => ToEbcdic((char)(c - 'a' + 'A')),
        >= '0' and <= '9' => (byte)(0xF0 + (c - '0')),
        '@' => 0x7C,
        '#' => 0x7B,
        '$' => 0x5B,
        _ => 0,
    };
}
