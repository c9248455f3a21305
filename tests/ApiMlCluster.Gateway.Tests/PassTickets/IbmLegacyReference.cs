using System.Text;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

/// <summary>
/// A second, deliberately naive rendering of IBM's legacy PassTicket text, written from the manual rather than
/// from the production code: bits are strings of '0' and '1' numbered from 1 at the left as in IBM's figures, the
/// permutation tables are parsed from the figure's "O=>/I=>" rows, and DES is openssl's. Slow, but it shares no
/// code or representation with <c>LegacyPassTicket</c>.
/// </summary>
internal static class IbmLegacyReference
{
    // Figure "Permutation tables for RACF secured signon", the I=> rows, tables 1 to 6 (O=> is 1..16 for each).
    private const string PermutationFigure = """
        I=> 10   2   12  4   14  6   16  8   9   1  11   3  13   5  15   7
        I=>  1  10   3  12   13  16  7  15   9   2  11   4   5  14   8   6
        I=>  3  10   1  12   13  16  9  15   7   2  14   4   5  11   8   6
        I=> 10   4  12   2   14  8  16   6   9   1  13   3  11   5  15   7
        I=>  4  10  12   1   8  16  14   5   9   2  13   3  11   7  15   6
        I=>  1  16  15  14  13  12  11  10   9   8   7   6   5   4   3   2
        """;

    private const string Translation = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static int[][] PermutationTables() =>
        PermutationFigure.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(row => row.Replace("I=>", string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray())
            .ToArray();

    public static string Generate(string keyHex, byte[] user8, byte[] appl8, uint seconds)
    {
        var result1 = OpenSsl.DesEcbEncrypt(keyHex, user8);
        var result2 = OpenSsl.DesEcbEncrypt(keyHex, result1.Zip(appl8, (a, b) => (byte)(a ^ b)).ToArray());
        var result3 = result2[..4];
        var time = new[] { (byte)(seconds >> 24), (byte)(seconds >> 16), (byte)(seconds >> 8), (byte)seconds };
        var result4 = result3.Zip(time, (a, b) => (byte)(a ^ b)).ToArray();
        var result5 = TimeCoder(keyHex, user8, result4);
        return Translate(Bits(result5));
    }

    public static byte[] TimeCoder(string keyHex, byte[] user8, byte[] result4)
    {
        var userLength = Array.FindLastIndex(user8, b => b != 0x40) + 1;
        var pad = user8[..userLength].Concat(Enumerable.Repeat((byte)0x55, 12 - userLength)).ToArray();
        var tables = PermutationTables();
        var l2b = result4[..2];
        var r2b = result4[2..];
        for (var round = 1; round <= 6; round++)
        {
            var resultB = r2b.Concat(round % 2 == 1 ? pad[..6] : pad[6..]).ToArray();
            var resultD = OpenSsl.DesEcbEncrypt(keyHex, resultB)[..2];
            var resultE = resultD.Zip(l2b, (a, b) => (byte)(a ^ b)).ToArray();
            l2b = r2b;
            r2b = Permute(resultE, tables[round - 1]);
        }

        return [.. l2b, .. r2b];
    }

    public static byte[] Permute(byte[] twoBytes, int[] table)
    {
        var input = Bits(twoBytes);
        var output = new string(table.Select(inputBit => input[inputBit - 1]).ToArray());
        return [Convert.ToByte(output[..8], 2), Convert.ToByte(output[8..], 2)];
    }

    // "Bits 31, 32, 1, 2, 3, and 4 are translated to PassTicket character position 1 ... bits 3 through 8 to
    // position 2, ... bits 27 through 32 to position 8"; the six-bit number divided by 36, remainder indexes the
    // table "A-Z then 0-9".
    public static string Translate(string bits32)
    {
        var ticket = new StringBuilder();
        foreach (var first in new[] { 31, 3, 7, 11, 15, 19, 23, 27 })
        {
            var six = string.Concat(Enumerable.Range(0, 6).Select(i => bits32[(first - 1 + i) % 32]));
            ticket.Append(Translation[Convert.ToInt32(six, 2) % 36]);
        }

        return ticket.ToString();
    }

    public static string Bits(byte[] bytes) => string.Concat(bytes.Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));
}
