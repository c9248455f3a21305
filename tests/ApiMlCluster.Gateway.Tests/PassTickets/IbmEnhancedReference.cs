using System.Security.Cryptography;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

/// <summary>
/// A second rendering of the enhanced algorithm that follows the structure of IBM's sample
/// EnhancedPassTicketGenerator.java (byte arrays for L3B and R3B, a 20-byte HMAC buffer, a signed 64-bit value
/// for the translation) and uses the HMACSHA512 class rather than the one-shot API the production code uses.
/// </summary>
internal static class IbmEnhancedReference
{
    private const string Characters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

    public static string Generate(byte[] key, byte[] userAppl16, long seconds, bool mixed)
    {
        using var hmac = new HMACSHA512(key);
        var userApplHmac = hmac.ComputeHash(userAppl16);
        var binary = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            binary[i] = (byte)((seconds >> (40 - (8 * i))) & 0xFF);
            binary[i] ^= userApplHmac[i];
        }

        var l3b = binary[..3];
        var r3b = binary[3..];
        var buffer = new byte[20];
        Array.Copy(userAppl16, 0, buffer, 4, 16);
        for (var round = 1; round < 7; round++)
        {
            Array.Copy(r3b, 0, buffer, 0, 3);
            buffer[3] = (byte)round;
            var result = hmac.ComputeHash(buffer);
            var xor = new byte[3];
            for (var i = 0; i < 3; i++)
            {
                xor[i] = (byte)(l3b[i] ^ result[i]);
            }

            if (round % 2 == 1 && !mixed)
            {
                xor[0] &= 0x01;
            }

            l3b = r3b;
            r3b = xor;
        }

        long value = 0;
        foreach (var b in l3b.Concat(r3b))
        {
            value = (value << 8) + b;
        }

        var radix = mixed ? 64 : 36;
        var ticket = new char[8];
        for (var i = 7; i >= 0; i--)
        {
            ticket[i] = Characters[(int)(value % radix)];
            value /= radix;
        }

        return new string(ticket);
    }
}
