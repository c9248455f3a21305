using System.Globalization;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ApiMlCluster.Auth.Audit;

/// <summary>
/// Pages through the audit records of the whole cluster: the events tagged <see cref="AuditRecorded.AuditTag"/> in the
/// shared SQL journal, read with Akka.Persistence.Query's <c>CurrentEventsByTag</c>. The cursor is the journal's global
/// ordering of the last record returned. The query only reads forward, so newest-first pages read windows of
/// orderings backwards from the cursor, doubling the window until the page is full; the newest ordering is found by
/// probing forward from the last one this node saw (a few one-row queries).
/// </summary>
internal sealed class AuditLog
{
    public const string DefaultReadJournal = "akka.persistence.query.journal.sql";
    private const int MinimumWindow = 16;
    private const long FirstProbeStep = 1024;

    // Created on the first page, not at start: the SQL read journal asks the database while it is constructed and
    // throws when it is unreachable, which would stop a node that must come up and report its database DOWN. A failed
    // creation is tried again on the next page.
    private readonly Lazy<ICurrentEventsByTagQuery> lazyJournal;
    private readonly IMaterializer materializer;
    private long topHint;

    public AuditLog(ActorSystem system, string readJournalId = DefaultReadJournal)
    {
        lazyJournal = new(() => PersistenceQuery.Get(system).ReadJournalFor<ICurrentEventsByTagQuery>(readJournalId), LazyThreadSafetyMode.PublicationOnly);
        materializer = system.Materializer();
    }

    private ICurrentEventsByTagQuery Journal => lazyJournal.Value;

    public static bool TryParseCursor(string? text, out long? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            cursor = value;
            return true;
        }

        return false;
    }

    public async Task<AuditPage> PageAsync(bool newestFirst, int limit, long? cursor)
    {
        var envelopes = newestFirst ? await NewestAsync(limit + 1, cursor) : await RangeAsync(cursor ?? 0, long.MaxValue, limit + 1);
        var more = envelopes.Count > limit;
        var page = envelopes.Take(limit).Select(Entry).ToList();
        return new AuditPage(newestFirst ? "newest" : "oldest", limit, page, more ? page[^1].Id : null);
    }

    /// <summary>Up to <paramref name="count"/> records before <paramref name="cursor"/> (exclusive), newest first.</summary>
    private async Task<List<EventEnvelope>> NewestAsync(int count, long? cursor)
    {
        var before = cursor ?? await TopAsync() + 1;
        // Audit records are often dense in the ordering, so the first window is the page itself; sparse ones double it.
        var window = Math.Max(MinimumWindow, (long)count);
        var collected = new List<EventEnvelope>();
        while (before > 1)
        {
            var after = Math.Max(0, before - 1 - window);
            collected.InsertRange(0, await RangeAsync(after, before, int.MaxValue));
            if (collected.Count >= count || after == 0)
            {
                break;
            }

            before = after + 1;
            window *= 2;
        }

        collected.Reverse();
        return collected.Count > count ? collected.GetRange(0, count) : collected;
    }

    /// <summary>Records with <paramref name="after"/> &lt; ordering &lt; <paramref name="before"/>, oldest first.</summary>
    private async Task<List<EventEnvelope>> RangeAsync(long after, long before, int max)
    {
        var found = await Journal.CurrentEventsByTag(AuditRecorded.AuditTag, Offset.Sequence(after))
            .TakeWhile(e => Ordering(e) < before)
            .Take(max)
            .RunWith(Sink.Seq<EventEnvelope>(), materializer);
        return [.. found];
    }

    /// <summary>The ordering of the newest audit record (or an upper bound of it when there is none past the hint).</summary>
    private async Task<long> TopAsync()
    {
        var low = Interlocked.Read(ref topHint);
        if (!await AnyAfterAsync(low))
        {
            return low;
        }

        var step = FirstProbeStep;
        var high = low + step;
        while (await AnyAfterAsync(high))
        {
            low = high;
            step *= 2;
            high = low + step;
        }

        // Some record after low, none after high: the newest is the smallest x with none after it.
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (await AnyAfterAsync(middle))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        Interlocked.Exchange(ref topHint, high);
        return high;
    }

    private async Task<bool> AnyAfterAsync(long ordering)
    {
        var first = await Journal.CurrentEventsByTag(AuditRecorded.AuditTag, Offset.Sequence(ordering))
            .Take(1)
            .RunWith(Sink.Seq<EventEnvelope>(), materializer);
        return first.Count > 0;
    }

    private static long Ordering(EventEnvelope envelope) => envelope.Offset is Sequence sequence ? sequence.Value : 0;

    private static AuditEntry Entry(EventEnvelope envelope)
    {
        var record = ((AuditRecorded)envelope.Event).Record;
        var node = envelope.PersistenceId.StartsWith(AuditWriterId.Prefix, StringComparison.Ordinal)
            ? envelope.PersistenceId[AuditWriterId.Prefix.Length..]
            : envelope.PersistenceId;
        return new AuditEntry(
            Ordering(envelope).ToString(CultureInfo.InvariantCulture),
            node,
            record.At,
            record.Action,
            record.UserId,
            record.Success,
            record.SourceAddress,
            record.Scopes,
            record.ValidityDays,
            record.Subject,
            record.Reason);
    }
}

/// <summary>Names the per-node writer: <c>audit-&lt;host&gt;:&lt;cluster port&gt;</c>.</summary>
internal static class AuditWriterId
{
    public const string Prefix = "audit-";

    public static string For(string host, int clusterPort) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{host}:{clusterPort}");
}
