namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// Checks a presented PassTicket the way RACF does: it must be the ticket for this user ID and APPLID at a time
/// within plus or minus 10 minutes of now, and it is accepted only once for that user and APPLID.
/// </summary>
internal sealed class PassTicketEvaluator(PassTicketKeys keys, TimeProvider clock, int replayCapacity = PassTicketEvaluator.DefaultReplayCapacity)
{
    /// <summary>IBM: valid when generated within plus or minus 10 minutes of the evaluating clock.</summary>
    public const int WindowSeconds = 600;

    public const int DefaultReplayCapacity = 100_000;

    private readonly UsedPassTickets used = new(replayCapacity);

    public PassTicketVerdict Evaluate(ReadOnlySpan<char> userId, ReadOnlySpan<char> applId, ReadOnlySpan<char> ticket)
    {
        if (!keys.TryGet(applId, out var key))
        {
            return PassTicketVerdict.UnknownApplication;
        }

        Span<byte> names = stackalloc byte[2 * RacfNames.Length];
        if (!RacfNames.TryEncode(userId, names[..RacfNames.Length]) || !RacfNames.TryEncode(applId, names[RacfNames.Length..]))
        {
            return PassTicketVerdict.Invalid;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (!key.TryFindGenerationTime(names, ticket, now, WindowSeconds, out var generatedAt))
        {
            return PassTicketVerdict.Invalid;
        }

        return used.TryRecord(UsedTicket.From(names, ticket), generatedAt + WindowSeconds, now);
    }
}
