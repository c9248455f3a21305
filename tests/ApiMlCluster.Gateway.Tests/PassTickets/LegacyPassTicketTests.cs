using System.Buffers.Binary;
using ApiMlCluster.Gateway.PassTickets;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

/// <summary>
/// The legacy algorithm one IBM step at a time, each checked against openssl's DES or against
/// <see cref="IbmLegacyReference"/>, which is written from IBM's text independently of the production code.
/// </summary>
public sealed class LegacyPassTicketTests : IDisposable
{
    private const long Noon = 1_795_435_200; // 2026-11-23T12:00:00Z, X'6B042AC0'

    private readonly DesBlockCipher cipher = new(Convert.FromHexString(TestKeys.LegacyHex));

    public void Dispose() => cipher.Dispose();

    [Fact]
    public void Encrypt_OneBlock_MatchesOpenSsl()
    {
        var user = TestKeys.Names("IBMUSER", "TSO")[..8];
        var encrypted = new byte[8];

        cipher.Encrypt(user, encrypted);

        Assert.Equal(OpenSsl.DesEcbEncrypt(TestKeys.LegacyHex, user), encrypted);
    }

    [Fact]
    public void Result3_ShortNames_IsLeftHalfOfSecondEncryption()
    {
        var names = TestKeys.Names("TOM", "TSO");
        var result1 = OpenSsl.DesEcbEncrypt(TestKeys.LegacyHex, names[..8]);
        var result2a = result1.Zip(names[8..], (a, b) => (byte)(a ^ b)).ToArray();
        var result2 = OpenSsl.DesEcbEncrypt(TestKeys.LegacyHex, result2a);

        var result3 = LegacyPassTicket.Result3(cipher, names[..8], names[8..]);

        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(result2), result3);
    }

    [Fact]
    public void Result4_Time_IsXorWithSecondsSince1970()
    {
        var seconds = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        Assert.Equal(0x12345678u ^ 0x6B04_2AC0u, LegacyPassTicket.Result4(0x12345678, seconds));
        Assert.Equal(Noon, seconds);
    }

    [Theory]
    [InlineData("TOM", "E3D6D4555555555555555555")]
    // IBM's text prints PAD1 for IBMUSER as C9C2D4E4D2C5; S is X'E2' in EBCDIC (D2 is K), so that is a misprint.
    [InlineData("IBMUSER", "C9C2D4E4E2C5D95555555555")]
    public void TimeCoderPadding_UserId_IsUserIdPaddedWith55(string user, string expected)
    {
        var padding = new byte[12];

        LegacyPassTicket.TimeCoderPadding(TestKeys.Names(user, "TSO")[..8], padding);

        Assert.Equal(expected, Convert.ToHexString(padding));
    }

    [Fact]
    public void Permute_Round1_MovesInputBit10ToOutputBit1()
    {
        // IBM's own reading aid: "Output-bit position 1 consists of the bit in input-bit position 10".
        Assert.Equal(0x8000, LegacyPassTicket.Permute(1 << (16 - 10), 1));
    }

    [Fact]
    public void Permute_EveryRound_MatchesFigureTables()
    {
        var tables = IbmLegacyReference.PermutationTables();
        ushort[] samples = [0x017B, 0xA5C3, 0xFFFE, 0x8001, 0x1234];
        for (var round = 1; round <= 6; round++)
        {
            foreach (var sample in samples)
            {
                var expected = IbmLegacyReference.Permute([(byte)(sample >> 8), (byte)sample], tables[round - 1]);
                Assert.Equal(BinaryPrimitives.ReadUInt16BigEndian(expected), LegacyPassTicket.Permute(sample, round));
            }
        }
    }

    [Fact]
    public void InversePermute_EveryValueAndRound_UndoesPermute()
    {
        for (var round = 1; round <= 6; round++)
        {
            for (var value = 0; value <= ushort.MaxValue; value++)
            {
                Assert.Equal(value, LegacyPassTicket.InversePermute(LegacyPassTicket.Permute((ushort)value, round), round));
            }
        }
    }

    [Fact]
    public void TimeCoder_Result4_MatchesReferenceBuiltOnOpenSsl()
    {
        var user = TestKeys.Names("IBMUSER", "TSO")[..8];
        byte[] result4 = [0x9C, 0x31, 0x07, 0xE2];

        var result5 = LegacyPassTicket.TimeCoder(cipher, user, BinaryPrimitives.ReadUInt32BigEndian(result4));

        Assert.Equal(
            BinaryPrimitives.ReadUInt32BigEndian(IbmLegacyReference.TimeCoder(TestKeys.LegacyHex, user, result4)),
            result5);
    }

    [Fact]
    public void InverseTimeCoder_Result5_GivesBackResult4()
    {
        var user = TestKeys.Names("TOM", "TSO")[..8];

        var result5 = LegacyPassTicket.TimeCoder(cipher, user, 0xDEADBEEF);

        Assert.Equal(0xDEADBEEF, LegacyPassTicket.InverseTimeCoder(cipher, user, result5));
    }

    [Fact]
    public void Translate_PublishedExample_GivesQhoah1tv()
    {
        // 07247F79 -> QHOAH1TV: the translation example chrrel/racf-passticket-generator tests against,
        // labelled there as "test data from PassTicket documentation".
        var ticket = new char[8];

        LegacyPassTicket.Translate(0x07247F79, ticket);

        Assert.Equal("QHOAH1TV", new string(ticket));
    }

    [Fact]
    public void Translate_AnyValue_MatchesBitStringReading()
    {
        uint[] samples = [0, uint.MaxValue, 0x80000001, 0xC0FFEE42, 0x13579BDF];
        foreach (var sample in samples)
        {
            var ticket = new char[8];
            LegacyPassTicket.Translate(sample, ticket);
            var bits = IbmLegacyReference.Bits(BitConverter.GetBytes(sample).Reverse().ToArray());
            Assert.Equal(IbmLegacyReference.Translate(bits), new string(ticket));
        }
    }

    [Fact]
    public void Untranslate_Ticket_IncludesEveryValueThatTranslatesToIt()
    {
        var ticket = new char[8];
        var candidates = new uint[256];
        foreach (var value in new uint[] { 0x07247F79, 0, uint.MaxValue, 0x9E3779B9 })
        {
            LegacyPassTicket.Translate(value, ticket);

            var count = LegacyPassTicket.Untranslate(ticket, candidates);

            Assert.Contains(value, candidates[..count]);
            Assert.All(candidates[..count], candidate =>
            {
                var again = new char[8];
                LegacyPassTicket.Translate(candidate, again);
                Assert.Equal(ticket, again);
            });
        }
    }

    [Fact]
    public void Untranslate_CharacterOutsideTable_ReturnsNoCandidate()
    {
        Assert.Equal(0, LegacyPassTicket.Untranslate("QHOAH1T-", new uint[256]));
    }

    [Theory]
    [InlineData("IBMUSER", "TSO", Noon)]
    [InlineData("TOM", "CICSPROD", Noon + 1)]
    [InlineData("A", "B", 0xFFFF_FFFFL)]
    public void Generate_AllSteps_MatchesReferenceBuiltOnOpenSsl(string user, string application, long seconds)
    {
        var names = TestKeys.Names(user, application);
        var ticket = new char[8];

        LegacyPassTicket.Generate(cipher, names[..8], names[8..], seconds, ticket);

        Assert.Equal(IbmLegacyReference.Generate(TestKeys.LegacyHex, names[..8], names[8..], (uint)seconds), new string(ticket));
    }

    [Fact]
    public void TryFindGenerationTime_TicketFromEarlierSecond_RecoversThatSecond()
    {
        var names = TestKeys.Names("IBMUSER", "TSO");
        var ticket = new char[8];
        LegacyPassTicket.Generate(cipher, names[..8], names[8..], Noon - 123, ticket);

        Assert.True(LegacyPassTicket.TryFindGenerationTime(cipher, names[..8], names[8..], ticket, Noon, 600, out var generatedAt));
        Assert.Equal(Noon - 123, generatedAt);
    }
}
