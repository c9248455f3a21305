using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using ApiMlCluster.Auth.Audit;
using ApiMlCluster.TestSupport;
using Microsoft.Data.Sqlite;

namespace ApiMlCluster.Auth.Tests.Audit;

/// <summary>
/// The per-node writers and the paged reader over the SQL journal on a SQLite file of this class: two nodes' writers,
/// untagged events in between (other entities' events share the journal's ordering), pages in both orders.
/// </summary>
public sealed class AuditJournalTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(15);
    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "apiml-audit-tests");

    public AuditJournalTests()
        : base(Config(Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".db")))
    {
    }

    [Fact]
    public async Task Page_OldestFirst_CursorWalksEveryRecordOnceAcrossNodes()
    {
        var written = await WriteInterleavedAsync();
        var log = new AuditLog(Sys);

        var seen = await WalkAsync(log, newestFirst: false, limit: 5);

        Assert.Equal(written, seen.Select(e => e.Subject));
        Assert.Equal(["a:1", "b:2"], seen.Select(e => e.Node).Distinct().Order());
    }

    [Fact]
    public async Task Page_NewestFirst_CursorWalksEveryRecordOnceInReverse()
    {
        var written = await WriteInterleavedAsync();
        var log = new AuditLog(Sys);

        var seen = await WalkAsync(log, newestFirst: true, limit: 4);

        Assert.Equal(Enumerable.Reverse(written), seen.Select(e => e.Subject));
    }

    [Fact]
    public async Task Page_NewestFirst_FirstPageHoldsTheNewestAndACursor()
    {
        await WriteInterleavedAsync();
        var log = new AuditLog(Sys);

        var page = await Eventually(() => log.PageAsync(newestFirst: true, limit: 3, cursor: null), p => p.Records.Count == 3 && p.Records[0].Subject == "#12");

        Assert.Equal(["#12", "#11", "#10"], page.Records.Select(r => r.Subject));
        Assert.Equal("newest", page.Order);
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public async Task Page_NoRecords_EmptyWithoutCursor()
    {
        var page = await new AuditLog(Sys).PageAsync(newestFirst: true, limit: 10, cursor: null);

        Assert.Equal((0, null), (page.Records.Count, page.NextCursor));
    }

    [Fact]
    public async Task Writer_StartedAgainWithTheSameId_ContinuesItsSequence()
    {
        var writer = Writer("audit-a:1");
        Assert.True((await writer.Ask<AuditBatchWritten>(new WriteAuditBatch([AuditRecords.Numbered(1)]), Ask)).Success);
        Watch(writer);
        writer.Tell(PoisonPill.Instance);
        ExpectTerminated(writer);

        var again = Writer("audit-a:1");
        var result = await again.Ask<AuditBatchWritten>(new WriteAuditBatch([AuditRecords.Numbered(2)]), Ask);

        Assert.True(result.Success);
    }

    [Fact]
    public async Task Sweep_DeletesOnlyTheRecordsOlderThanTheRetention()
    {
        // Records at Start+1 s .. Start+6 s; 90 days after Start+3.5 s, the first three are past the retention.
        var clock = new ManualClock(AuditRecords.At(3).AddDays(90).AddMilliseconds(500));
        var writer = Sys.ActorOf(AuditWriter.Props("audit-a:1", TimeSpan.FromDays(90), clock));
        await writer.Ask<AuditBatchWritten>(new WriteAuditBatch([.. Enumerable.Range(1, 6).Select(n => AuditRecords.Numbered(n))]), Ask);

        var swept = await writer.Ask<AuditSwept>(SweepExpiredAudit.Instance, Ask);
        var page = await Eventually(() => new AuditLog(Sys).PageAsync(newestFirst: false, limit: 10, cursor: null), p => p.Records.Count == 3);

        Assert.Equal(3, swept.DeletedThrough);
        Assert.Equal(["#4", "#5", "#6"], page.Records.Select(r => r.Subject));
    }

    [Fact]
    public async Task Sweep_NothingOldEnough_DeletesNothingAndTheWriterGoesOn()
    {
        var clock = new ManualClock(AuditRecords.At(1).AddDays(30));
        var writer = Sys.ActorOf(AuditWriter.Props("audit-a:1", TimeSpan.FromDays(90), clock));
        await writer.Ask<AuditBatchWritten>(new WriteAuditBatch([AuditRecords.Numbered(1), AuditRecords.Numbered(2)]), Ask);

        var swept = await writer.Ask<AuditSwept>(SweepExpiredAudit.Instance, Ask);
        var written = await writer.Ask<AuditBatchWritten>(new WriteAuditBatch([AuditRecords.Numbered(3)]), Ask);
        var page = await Eventually(() => new AuditLog(Sys).PageAsync(newestFirst: false, limit: 10, cursor: null), p => p.Records.Count == 3);

        Assert.Equal(0, swept.DeletedThrough);
        Assert.True(written.Success);
        Assert.Equal(["#1", "#2", "#3"], page.Records.Select(r => r.Subject));
    }

    [Fact]
    public async Task Sweep_AfterARestart_StillFindsTheOldRecords()
    {
        var clock = new ManualClock(AuditRecords.At(2).AddDays(90).AddMilliseconds(500));
        var first = Writer("audit-a:1");
        await first.Ask<AuditBatchWritten>(new WriteAuditBatch([AuditRecords.Numbered(1), AuditRecords.Numbered(2), AuditRecords.Numbered(3)]), Ask);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        var again = Sys.ActorOf(AuditWriter.Props("audit-a:1", TimeSpan.FromDays(90), clock));
        var swept = await again.Ask<AuditSwept>(SweepExpiredAudit.Instance, Ask);

        Assert.Equal(2, swept.DeletedThrough);
    }

    /// <summary>A writer whose clock is at the records' time, so no sweep deletes anything.</summary>
    private IActorRef Writer(string id) => Sys.ActorOf(AuditWriter.Props(id, TimeSpan.FromDays(90), new ManualClock(AuditRecords.At(0))));

    /// <summary>12 records, alternately from two nodes, with 300 untagged events between each batch.</summary>
    private async Task<List<string>> WriteInterleavedAsync()
    {
        var a = Writer("audit-a:1");
        var b = Writer("audit-b:2");
        var other = Sys.ActorOf(Props.Create(() => new Untagged()));
        var subjects = new List<string>();
        for (var n = 1; n <= 12; n += 2)
        {
            await a.Ask<AuditBatchWritten>(new WriteAuditBatch([AuditRecords.Numbered(n)]), Ask);
            await other.Ask<Done>(300, Ask);
            await b.Ask<AuditBatchWritten>(new WriteAuditBatch([AuditRecords.Numbered(n + 1)]), Ask);
            subjects.Add($"#{n}");
            subjects.Add($"#{n + 1}");
        }

        return subjects;
    }

    /// <summary>Follows the cursors to the end; retries from the start until the journal's query side shows every record.</summary>
    private static async Task<List<AuditEntry>> WalkAsync(AuditLog log, bool newestFirst, int limit)
    {
        for (var attempt = 0; ; attempt++)
        {
            var seen = new List<AuditEntry>();
            long? cursor = null;
            while (true)
            {
                var page = await log.PageAsync(newestFirst, limit, cursor);
                Assert.True(page.Records.Count <= limit);
                seen.AddRange(page.Records);
                if (page.NextCursor is null)
                {
                    break;
                }

                cursor = long.Parse(page.NextCursor, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (seen.Count == 12 || attempt == 100)
            {
                return seen;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<AuditPage> Eventually(Func<Task<AuditPage>> read, Func<AuditPage, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await read();
            if (done(page) || attempt == 100)
            {
                return page;
            }

            await Task.Delay(100);
        }
    }

    private static Config Config(string file)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var connection = $"Data Source={file}";
        using (var sqlite = new SqliteConnection(connection))
        {
            sqlite.Open();
            using var wal = sqlite.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        return ConfigurationFactory.ParseString(string.Join("\n",
            "akka.loglevel = WARNING",
            "akka.actor.serialization-settings.allow-unregistered-types = false",
            "akka.persistence.journal.plugin = akka.persistence.journal.sql",
            "akka.persistence.snapshot-store.plugin = akka.persistence.snapshot-store.sql",
            "akka.persistence.journal.sql.provider-name = \"SQLite.MS\"",
            "akka.persistence.snapshot-store.sql.provider-name = \"SQLite.MS\"",
            "akka.persistence.query.journal.sql.provider-name = \"SQLite.MS\"",
            "akka.persistence.query.journal.sql.write-plugin = \"akka.persistence.journal.sql\"",
            "akka.persistence.query.journal.sql.refresh-interval = 100ms",
            "akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay = 100ms",
            $"akka.persistence.journal.sql.connection-string = \"{connection}\"",
            $"akka.persistence.snapshot-store.sql.connection-string = \"{connection}\"",
            $"akka.persistence.query.journal.sql.connection-string = \"{connection}\"",
            AuthSerializer.Hocon)).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>Another entity's events: they take journal orderings but carry no audit tag.</summary>
    private sealed class Untagged : ReceivePersistentActor
    {
        public Untagged()
        {
            Command<int>(count =>
            {
                var replyTo = Sender;
                var events = Enumerable.Range(0, count).Select(i => new AuditRecorded(AuditRecords.Numbered(-i, "OTHER"))).ToList();
                PersistAll(events, _ => { });
                DeferAsync(Done.Instance, d => replyTo.Tell(d));
            });
        }

        public override string PersistenceId => "untagged";
    }
}
