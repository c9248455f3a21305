namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// Generates the PassTicket with which the gateway signs a user on to a z/OS application (APPLID), using that
/// APPLID's configured key and algorithm.
/// </summary>
internal sealed class PassTicketGenerator(PassTicketKeys keys, TimeProvider clock)
{
    public const int TicketLength = 8;

    public string Generate(string userId, string applId) => Generate(userId, applId, clock.GetUtcNow());

    public string Generate(string userId, string applId, DateTimeOffset at)
    {
        Span<char> ticket = stackalloc char[TicketLength];
        if (!keys.TryGet(applId, out var key))
        {
            throw new KeyNotFoundException($"No PassTicket key is configured for APPLID '{applId}'.");
        }

        if (!TryGenerate(key, userId, applId, at, ticket))
        {
            throw new ArgumentException("User ID and APPLID must be 1 to 8 characters of A-Z, 0-9, @, # and $.");
        }

        return new string(ticket);
    }

    /// <summary>Writes the ticket without allocating; false for an unknown APPLID or an invalid name.</summary>
    public bool TryGenerate(ReadOnlySpan<char> userId, ReadOnlySpan<char> applId, DateTimeOffset at, Span<char> destination) =>
        keys.TryGet(applId, out var key) && TryGenerate(key, userId, applId, at, destination);

    private static bool TryGenerate(
        PassTicketKey key, ReadOnlySpan<char> userId, ReadOnlySpan<char> applId, DateTimeOffset at, Span<char> destination)
    {
        Span<byte> names = stackalloc byte[2 * RacfNames.Length];
        if (destination.Length < TicketLength
            || !RacfNames.TryEncode(userId, names[..RacfNames.Length])
            || !RacfNames.TryEncode(applId, names[RacfNames.Length..]))
        {
            return false;
        }

        key.Generate(names, at.ToUnixTimeSeconds(), destination);
        return true;
    }
}
