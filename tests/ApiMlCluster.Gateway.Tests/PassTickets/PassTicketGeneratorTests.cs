using ApiMlCluster.Gateway.PassTickets;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

public sealed class PassTicketGeneratorTests : IDisposable
{
    private static readonly string[] Applications = ["TSO", "CICSPROD", "ZOWEAPPL"];

    private readonly ManualClock clock = new();
    private readonly PassTicketKeys keys = TestKeys.All();
    private readonly PassTicketGenerator generator;

    public PassTicketGeneratorTests() => generator = new PassTicketGenerator(keys, clock);

    public void Dispose() => keys.Dispose();

    [Fact]
    public void Generate_SameSecond_GivesSameTicket()
    {
        var first = generator.Generate("IBMUSER", "TSO");
        clock.Advance(TimeSpan.FromMilliseconds(999));

        Assert.Equal(first, generator.Generate("IBMUSER", "TSO"));
    }

    [Fact]
    public void Generate_NextSecond_GivesDifferentTicket()
    {
        var first = generator.Generate("IBMUSER", "TSO");
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.NotEqual(first, generator.Generate("IBMUSER", "TSO"));
    }

    [Fact]
    public void Generate_LowerCaseUserId_GivesUpperCaseUsersTicket()
    {
        Assert.Equal(generator.Generate("IBMUSER", "TSO"), generator.Generate("ibmuser", "tso"));
    }

    [Fact]
    public void Generate_ExplicitTime_UsesThatTimeNotClock()
    {
        var at = clock.GetUtcNow().AddMinutes(-5);
        var atThen = generator.Generate("IBMUSER", "CICSPROD", at);
        clock.Advance(TimeSpan.FromMinutes(-5));

        Assert.Equal(atThen, generator.Generate("IBMUSER", "CICSPROD"));
    }

    [Fact]
    public void Generate_LegacyApplication_MatchesLegacyAlgorithm()
    {
        var names = TestKeys.Names("TOM", "TSO");
        using var cipher = new DesBlockCipher(Convert.FromHexString(TestKeys.LegacyHex));
        var expected = new char[8];
        LegacyPassTicket.Generate(cipher, names[..8], names[8..], clock.GetUtcNow().ToUnixTimeSeconds(), expected);

        Assert.Equal(new string(expected), generator.Generate("TOM", "TSO"));
    }

    [Fact]
    public void Generate_UnknownApplication_ThrowsNamingIt()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => generator.Generate("IBMUSER", "NOSUCH"));

        Assert.Contains("NOSUCH", error.Message);
    }

    [Fact]
    public void Generate_InvalidUserId_Throws()
    {
        Assert.Throws<ArgumentException>(() => generator.Generate("TOO-LONG-USER", "TSO"));
    }

    [Fact]
    public void TryGenerate_ShortDestination_ReturnsFalse()
    {
        Assert.False(generator.TryGenerate("IBMUSER", "TSO", clock.GetUtcNow(), new char[7]));
    }

    [Fact]
    public void TryGenerate_AfterWarmUp_AllocatesNothing()
    {
        var ticket = new char[8];
        foreach (var applId in Applications)
        {
            generator.TryGenerate("IBMUSER", applId, clock.GetUtcNow(), ticket);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var applId in Applications)
        {
            Assert.True(generator.TryGenerate("IBMUSER", applId, clock.GetUtcNow(), ticket));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Generate_ManyThreadsAtOnce_AgreesWithOneThread()
    {
        var at = clock.GetUtcNow();
        var expected = Enumerable.Range(0, 64).Select(i => generator.Generate($"USER{i}", Applications[i % 3], at.AddSeconds(i))).ToArray();

        var parallel = new string[64];
        Parallel.For(0, 64 * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var i = n % 64;
            parallel[i] = generator.Generate($"USER{i}", Applications[i % 3], at.AddSeconds(i));
        });

        Assert.Equal(expected, parallel);
    }
}
