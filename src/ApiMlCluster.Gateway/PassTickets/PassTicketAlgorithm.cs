namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>Which RACF algorithm an APPLID's PassTickets use; it must match the PTKTDATA profile on z/OS.</summary>
public enum PassTicketAlgorithm
{
    /// <summary>The original DES algorithm with a 64-bit secured sign-on key; tickets use A–Z and 0–9.</summary>
    Legacy,

    /// <summary>The HMAC-SHA-512 algorithm, upper-case type: tickets use 0–9 and A–Z.</summary>
    EnhancedUpper,

    /// <summary>The HMAC-SHA-512 algorithm, mixed-case type: tickets use 0–9, A–Z, a–z, '-' and '_'.</summary>
    EnhancedMixed,
}
