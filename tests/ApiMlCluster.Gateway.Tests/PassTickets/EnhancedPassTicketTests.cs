using ApiMlCluster.Gateway.PassTickets;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

/// <summary>
/// The enhanced algorithm against openssl's HMAC-SHA-512 for the digest step and against
/// <see cref="IbmEnhancedReference"/>, which follows IBM's sample generator, for whole tickets.
/// </summary>
public sealed class EnhancedPassTicketTests
{
    private const long Noon = 1_795_435_200; // 2026-11-23T12:00:00Z

    private static readonly byte[] Key = Convert.FromHexString(TestKeys.EnhancedHex);

    [Fact]
    public void UserApplicationDigest_Names_IsHmacSha512OfBothFields()
    {
        var names = TestKeys.Names("IBMUSER", "CICSPROD");
        var digest = new byte[64];

        EnhancedPassTicket.UserApplicationDigest(Key, names, digest);

        Assert.Equal(OpenSsl.HmacSha512(TestKeys.EnhancedHex, names), digest);
    }

    [Fact]
    public void TimeCoderInput_Time_IsSixByteTimeXorDigest()
    {
        byte[] digest = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0xFF, 0xFF];

        var input = EnhancedPassTicket.TimeCoderInput(digest, Noon);

        Assert.Equal(0x0000_6B04_2AC0UL ^ 0x0102_0304_0506UL, input);
    }

    [Theory]
    [InlineData("IBMUSER", "CICSPROD", Noon, false)]
    [InlineData("TOM", "TSO", Noon + 1, false)]
    [InlineData("IBMUSER", "CICSPROD", Noon, true)]
    [InlineData("A", "B", Noon - 600, true)]
    public void Generate_AllSteps_MatchesIbmSampleStructure(string user, string application, long seconds, bool mixed)
    {
        var names = TestKeys.Names(user, application);
        var ticket = new char[8];

        EnhancedPassTicket.Generate(Key, names, seconds, mixed, ticket);

        Assert.Equal(IbmEnhancedReference.Generate(Key, names, seconds, mixed), new string(ticket));
    }

    [Fact]
    public void Generate_UpperCaseType_UsesOnlyDigitsAndCapitals()
    {
        var names = TestKeys.Names("IBMUSER", "CICSPROD");
        var ticket = new char[8];
        for (var second = 0; second < 200; second++)
        {
            EnhancedPassTicket.Generate(Key, names, Noon + second, mixedCase: false, ticket);
            Assert.All(ticket, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)));
        }
    }

    [Fact]
    public void Generate_MixedCaseType_UsesLowerCaseAndPunctuationToo()
    {
        var names = TestKeys.Names("IBMUSER", "ZOWEAPPL");
        var ticket = new char[8];
        var seen = new HashSet<char>();
        for (var second = 0; second < 200; second++)
        {
            EnhancedPassTicket.Generate(Key, names, Noon + second, mixedCase: true, ticket);
            seen.UnionWith(ticket);
        }

        Assert.Contains(seen, char.IsAsciiLetterLower);
        Assert.Subset(EnhancedPassTicket.Characters.ToHashSet(), seen);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InverseTimeCoder_Output_GivesBackInput(bool mixed)
    {
        var names = TestKeys.Names("TOM", "TSO");
        var digest = new byte[64];
        EnhancedPassTicket.UserApplicationDigest(Key, names, digest);
        var input = EnhancedPassTicket.TimeCoderInput(digest, Noon);

        var output = EnhancedPassTicket.TimeCoder(Key, names, input, mixed);

        Assert.Equal(input, EnhancedPassTicket.InverseTimeCoder(Key, names, digest, output, mixed));
    }

    [Fact]
    public void TryUntranslate_UpperCaseValueTheTimeCoderCannotProduce_ReturnsFalse()
    {
        // "ZZZZZZZZ" is 36^8 - 1, above the 41 bits an upper-case time-coder result can have.
        Assert.False(EnhancedPassTicket.TryUntranslate("ZZZZZZZZ", mixedCase: false, out _));
    }

    [Theory]
    [InlineData(false, -600)]
    [InlineData(false, 599)]
    [InlineData(true, 0)]
    [InlineData(true, 600)]
    public void TryFindGenerationTime_TicketInsideWindow_RecoversItsSecond(bool mixed, int offset)
    {
        var names = TestKeys.Names("IBMUSER", "CICSPROD");
        var ticket = new char[8];
        EnhancedPassTicket.Generate(Key, names, Noon + offset, mixed, ticket);

        Assert.True(EnhancedPassTicket.TryFindGenerationTime(Key, names, ticket, mixed, Noon, 600, out var generatedAt));
        Assert.Equal(Noon + offset, generatedAt);
    }

    [Fact]
    public void Translate_Zero_UsesDigitsFirstUnlikeLegacyTable()
    {
        // Legacy tickets index A-Z0-9, enhanced ones 0-9A-Z: value 0 translates to AAAAAAAA and 00000000.
        var ticket = new char[8];
        EnhancedPassTicket.Translate(0, mixedCase: false, ticket);
        var legacy = new char[8];
        LegacyPassTicket.Translate(0, legacy);

        Assert.Equal(("00000000", "AAAAAAAA"), (new string(ticket), new string(legacy)));
    }
}
