namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// One APPLID's secret and the algorithm it is used with. Names arrive already encoded by
/// <see cref="RacfNames"/>: 8 EBCDIC bytes of user ID followed by 8 of APPLID.
/// </summary>
internal abstract class PassTicketKey : IDisposable
{
    public abstract PassTicketAlgorithm Algorithm { get; }

    public abstract void Generate(ReadOnlySpan<byte> userApplication, long unixSeconds, Span<char> destination);

    public abstract bool TryFindGenerationTime(
        ReadOnlySpan<byte> userApplication, ReadOnlySpan<char> ticket, long nowUnixSeconds, int windowSeconds, out long generatedAt);

    public virtual void Dispose()
    {
    }

    public sealed override string ToString() => $"PassTicketKey {{ Algorithm = {Algorithm}, Key = *** }}";
}
