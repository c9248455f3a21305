using System.Buffers.Binary;

namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// The tickets already accepted, kept until they leave their validity window (after which the time check alone
/// rejects them), so that each is accepted once per user and APPLID as RACF's replay protection does. Bounded:
/// when full of tickets still inside their window, new ones are refused rather than an old one forgotten, since
/// forgetting would reopen it to replay.
/// </summary>
internal sealed class UsedPassTickets(int capacity)
{
    private readonly Dictionary<UsedTicket, long> expiries = [];
    private readonly PriorityQueue<UsedTicket, long> byExpiry = new();
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return expiries.Count;
            }
        }
    }

    /// <summary>Records the ticket unless it is already recorded or there is no room.</summary>
    public PassTicketVerdict TryRecord(UsedTicket ticket, long expiresAtUnixSeconds, long nowUnixSeconds)
    {
        lock (gate)
        {
            ForgetExpired(nowUnixSeconds);
            if (expiries.ContainsKey(ticket))
            {
                return PassTicketVerdict.Replayed;
            }

            if (expiries.Count >= capacity)
            {
                return PassTicketVerdict.ReplayMemoryFull;
            }

            expiries.Add(ticket, expiresAtUnixSeconds);
            byExpiry.Enqueue(ticket, expiresAtUnixSeconds);
            return PassTicketVerdict.Valid;
        }
    }

    private void ForgetExpired(long nowUnixSeconds)
    {
        while (byExpiry.TryPeek(out var ticket, out var expiresAt) && expiresAt < nowUnixSeconds)
        {
            byExpiry.Dequeue();
            expiries.Remove(ticket);
        }
    }
}

/// <summary>A used ticket by value: the 8-byte EBCDIC user ID and APPLID and the ticket's eight ASCII characters.</summary>
internal readonly record struct UsedTicket(ulong User, ulong Application, ulong Ticket)
{
    public static UsedTicket From(ReadOnlySpan<byte> userApplication, ReadOnlySpan<char> ticket)
    {
        ulong packed = 0;
        foreach (var character in ticket)
        {
            packed = (packed << 8) | (byte)character;
        }

        return new UsedTicket(
            BinaryPrimitives.ReadUInt64BigEndian(userApplication),
            BinaryPrimitives.ReadUInt64BigEndian(userApplication[8..]),
            packed);
    }
}
