namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>What evaluating a presented PassTicket concluded.</summary>
public enum PassTicketVerdict
{
    Valid,

    /// <summary>Not a ticket for this user and APPLID within ±10 minutes of now, or malformed input.</summary>
    Invalid,

    /// <summary>A valid ticket that was already accepted once for this user and APPLID.</summary>
    Replayed,

    /// <summary>No key is configured for the APPLID.</summary>
    UnknownApplication,

    /// <summary>
    /// The ticket is valid but the used-ticket memory is full of tickets still inside their window, so one-time
    /// use could not be guaranteed; refused rather than risk a replay.
    /// </summary>
    ReplayMemoryFull,
}
