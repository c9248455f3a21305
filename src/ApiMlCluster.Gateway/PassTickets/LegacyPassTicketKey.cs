namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>A 64-bit DES secured sign-on key (PTKTDATA SSIGNON KEYMASKED/KEYENCRYPTED).</summary>
internal sealed class LegacyPassTicketKey(DesBlockCipher cipher) : PassTicketKey
{
    public const int KeyLength = 8;

    public override PassTicketAlgorithm Algorithm => PassTicketAlgorithm.Legacy;

    public override void Generate(ReadOnlySpan<byte> userApplication, long unixSeconds, Span<char> destination) =>
        LegacyPassTicket.Generate(cipher, userApplication[..8], userApplication[8..16], unixSeconds, destination);

    public override bool TryFindGenerationTime(
        ReadOnlySpan<byte> userApplication, ReadOnlySpan<char> ticket, long nowUnixSeconds, int windowSeconds, out long generatedAt) =>
        LegacyPassTicket.TryFindGenerationTime(
            cipher, userApplication[..8], userApplication[8..16], ticket, nowUnixSeconds, windowSeconds, out generatedAt);

    public override void Dispose() => cipher.Dispose();
}
