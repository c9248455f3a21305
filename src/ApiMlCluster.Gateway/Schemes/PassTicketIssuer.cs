using ApiMlCluster.Gateway.PassTickets;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>
/// A PassTicket for a user and APPLID, or the log-form reason there is none (no APPLID, no key for it, a name RACF
/// would not accept). Shared by the httpBasicPassTicket and safIdt schemes and the ticket endpoint.
/// </summary>
internal sealed class PassTicketIssuer(PassTicketGenerator generator, PassTicketKeys keys, TimeProvider clock)
{
    public IssuedPassTicket Issue(string userId, string? applId)
    {
        if (string.IsNullOrWhiteSpace(applId))
        {
            return new IssuedPassTicket(null, SchemeMessages.MissingApplicationName.LogForm(), PassTicketProblem.MissingApplication);
        }

        if (!keys.TryGet(applId, out _))
        {
            return Problem($"no PassTicket key is configured for APPLID {applId}", PassTicketProblem.UnknownApplication);
        }

        Span<char> ticket = stackalloc char[PassTicketGenerator.TicketLength];
        return generator.TryGenerate(userId, applId, clock.GetUtcNow(), ticket)
            ? new IssuedPassTicket(new string(ticket), null, PassTicketProblem.None)
            : Problem($"user ID {userId} or APPLID {applId} is not 1 to 8 characters of A-Z, 0-9, @, # and $", PassTicketProblem.InvalidName);
    }

    private static IssuedPassTicket Problem(string reason, PassTicketProblem problem) =>
        new(null, SchemeMessages.PassTicketFailed.LogForm(reason), problem, reason);
}

internal enum PassTicketProblem
{
    None,
    MissingApplication,
    UnknownApplication,
    InvalidName,
}

/// <summary>A ticket, or why not: <see cref="Failure"/> in log form, <see cref="Reason"/> for the message body.</summary>
internal sealed record IssuedPassTicket(string? Ticket, string? Failure, PassTicketProblem Problem, string? Reason = null)
{
    public override string ToString() => $"IssuedPassTicket {{ Problem = {Problem} }}";
}
