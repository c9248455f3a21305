using ApiMlCluster.Gateway.PassTickets;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

public sealed class PassTicketEvaluatorTests : IDisposable
{
    private readonly ManualClock clock = new();
    private readonly PassTicketKeys keys = TestKeys.All();
    private readonly PassTicketGenerator generator;
    private readonly PassTicketEvaluator evaluator;

    public PassTicketEvaluatorTests()
    {
        generator = new PassTicketGenerator(keys, clock);
        evaluator = new PassTicketEvaluator(keys, clock);
    }

    public void Dispose() => keys.Dispose();

    [Theory]
    [InlineData("TSO")]
    [InlineData("CICSPROD")]
    [InlineData("ZOWEAPPL")]
    public void Evaluate_TicketFromNow_IsValid(string applId)
    {
        var ticket = generator.Generate("IBMUSER", applId);

        Assert.Equal(PassTicketVerdict.Valid, evaluator.Evaluate("IBMUSER", applId, ticket));
    }

    [Theory]
    [InlineData("TSO")]
    [InlineData("CICSPROD")]
    [InlineData("ZOWEAPPL")]
    public void Evaluate_TicketsAcrossWholeWindow_AreAllValid(string applId)
    {
        var now = clock.GetUtcNow();
        for (var offset = -600; offset <= 600; offset += 7)
        {
            var ticket = generator.Generate("TOM", applId, now.AddSeconds(offset));
            Assert.Equal(PassTicketVerdict.Valid, evaluator.Evaluate("TOM", applId, ticket));
        }
    }

    [Theory]
    [InlineData("TSO", -600)]
    [InlineData("TSO", 600)]
    [InlineData("CICSPROD", -600)]
    [InlineData("ZOWEAPPL", 600)]
    public void Evaluate_GeneratedExactlyTenMinutesAway_IsValid(string applId, int offsetSeconds)
    {
        var ticket = generator.Generate("IBMUSER", applId, clock.GetUtcNow().AddSeconds(offsetSeconds));

        Assert.Equal(PassTicketVerdict.Valid, evaluator.Evaluate("IBMUSER", applId, ticket));
    }

    [Theory]
    [InlineData("TSO", -601)]
    [InlineData("TSO", 601)]
    [InlineData("CICSPROD", -601)]
    [InlineData("ZOWEAPPL", 601)]
    public void Evaluate_GeneratedOneSecondBeyondTenMinutes_IsInvalid(string applId, int offsetSeconds)
    {
        var ticket = generator.Generate("IBMUSER", applId, clock.GetUtcNow().AddSeconds(offsetSeconds));

        Assert.Equal(PassTicketVerdict.Invalid, evaluator.Evaluate("IBMUSER", applId, ticket));
    }

    [Fact]
    public void Evaluate_SameTicketTwice_IsReplayedSecondTime()
    {
        var ticket = generator.Generate("IBMUSER", "TSO");
        evaluator.Evaluate("IBMUSER", "TSO", ticket);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(PassTicketVerdict.Replayed, evaluator.Evaluate("IBMUSER", "TSO", ticket));
    }

    [Fact]
    public void Evaluate_SameTicketTwiceWithLowerCaseUserId_IsReplayed()
    {
        var ticket = generator.Generate("IBMUSER", "CICSPROD");
        evaluator.Evaluate("IBMUSER", "CICSPROD", ticket);

        Assert.Equal(PassTicketVerdict.Replayed, evaluator.Evaluate("ibmuser", "cicsprod", ticket));
    }

    [Fact]
    public void Evaluate_TicketsOfConsecutiveSeconds_AreEachValidOnce()
    {
        var first = generator.Generate("IBMUSER", "TSO");
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = generator.Generate("IBMUSER", "TSO");

        Assert.Equal(
            [PassTicketVerdict.Valid, PassTicketVerdict.Valid],
            [evaluator.Evaluate("IBMUSER", "TSO", first), evaluator.Evaluate("IBMUSER", "TSO", second)]);
    }

    [Fact]
    public void Evaluate_ReplayAfterWindowPassed_IsInvalidAndForgotten()
    {
        var ticket = generator.Generate("IBMUSER", "TSO");
        evaluator.Evaluate("IBMUSER", "TSO", ticket);
        clock.Advance(TimeSpan.FromSeconds(601));

        Assert.Equal(PassTicketVerdict.Invalid, evaluator.Evaluate("IBMUSER", "TSO", ticket));
    }

    [Fact]
    public void Evaluate_OtherUsersTicket_IsInvalid()
    {
        var ticket = generator.Generate("IBMUSER", "TSO");

        Assert.Equal(PassTicketVerdict.Invalid, evaluator.Evaluate("TOM", "TSO", ticket));
    }

    [Fact]
    public void Evaluate_TicketForOtherApplicationWithSameKey_IsInvalid()
    {
        var ticket = generator.Generate("IBMUSER", "CICSPROD");
        using var sameKeyElsewhere = PassTicketKeys.Create(new Dictionary<string, PassTicketKeyConfig>
        {
            ["CICSTEST"] = new("enhanced", TestKeys.EnhancedHex),
        });

        Assert.Equal(PassTicketVerdict.Invalid, new PassTicketEvaluator(sameKeyElsewhere, clock).Evaluate("IBMUSER", "CICSTEST", ticket));
    }

    [Fact]
    public void Evaluate_UnknownApplication_SaysSo()
    {
        Assert.Equal(PassTicketVerdict.UnknownApplication, evaluator.Evaluate("IBMUSER", "NOSUCH", "AAAAAAAA"));
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("ABCDEFGHI")]
    [InlineData("abcdefgh")]
    [InlineData("ABCD-FGH")]
    public void Evaluate_MalformedLegacyTicket_IsInvalid(string ticket)
    {
        Assert.Equal(PassTicketVerdict.Invalid, evaluator.Evaluate("IBMUSER", "TSO", ticket));
    }

    [Fact]
    public void Evaluate_LowerCasedUpperTypeTicket_IsInvalid()
    {
        var ticket = generator.Generate("IBMUSER", "TSO");

        Assert.Equal(PassTicketVerdict.Invalid, evaluator.Evaluate("IBMUSER", "TSO", ticket.ToLowerInvariant()));
    }

    [Fact]
    public void Evaluate_InvalidUserId_IsInvalid()
    {
        Assert.Equal(PassTicketVerdict.Invalid, evaluator.Evaluate("NOT A USER", "TSO", "AAAAAAAA"));
    }

    [Fact]
    public void Evaluate_ReplayMemoryFullOfLiveTickets_RefusesNewTicket()
    {
        var small = new PassTicketEvaluator(keys, clock, replayCapacity: 2);
        small.Evaluate("USER1", "TSO", generator.Generate("USER1", "TSO"));
        small.Evaluate("USER2", "TSO", generator.Generate("USER2", "TSO"));

        Assert.Equal(PassTicketVerdict.ReplayMemoryFull, small.Evaluate("USER3", "TSO", generator.Generate("USER3", "TSO")));
    }

    [Fact]
    public void Evaluate_ReplayMemoryFullOfExpiredTickets_AcceptsNewTicket()
    {
        var small = new PassTicketEvaluator(keys, clock, replayCapacity: 2);
        small.Evaluate("USER1", "TSO", generator.Generate("USER1", "TSO"));
        small.Evaluate("USER2", "TSO", generator.Generate("USER2", "TSO"));
        clock.Advance(TimeSpan.FromSeconds(601));

        Assert.Equal(PassTicketVerdict.Valid, small.Evaluate("USER3", "TSO", generator.Generate("USER3", "TSO")));
    }

    [Fact]
    public void Evaluate_LegacyTickets_AgreeWithTryingEverySecondOfWindow()
    {
        // The evaluator undoes the algorithm instead of regenerating; trying all 1,201 seconds must agree.
        using var cipher = new DesBlockCipher(Convert.FromHexString(TestKeys.LegacyHex));
        var names = TestKeys.Names("IBMUSER", "TSO");
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var candidate = new char[8];
        foreach (var offset in new[] { -600, -1, 0, 1, 600, 601, -601, 5000 })
        {
            var ticket = generator.Generate("IBMUSER", "TSO", clock.GetUtcNow().AddSeconds(offset));
            var byTrying = Enumerable.Range(-600, 1201).Any(second =>
            {
                LegacyPassTicket.Generate(cipher, names[..8], names[8..], now + second, candidate);
                return new string(candidate) == ticket;
            });

            Assert.Equal(byTrying, new PassTicketEvaluator(keys, clock).Evaluate("IBMUSER", "TSO", ticket) == PassTicketVerdict.Valid);
        }
    }
}
