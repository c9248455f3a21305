namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// One APPLID's PassTicket key as configured: <paramref name="Algorithm"/> is <c>legacy</c>, <c>enhanced</c>
/// (upper-case tickets) or <c>enhanced-mixed</c>; <paramref name="Key"/> is the key in hexadecimal.
/// </summary>
public sealed record PassTicketKeyConfig(string Algorithm, string Key)
{
    // The generated record ToString would print the key; configuration objects end up in logs and dumps.
    public override string ToString() => $"PassTicketKeyConfig {{ Algorithm = {Algorithm}, Key = *** }}";
}
