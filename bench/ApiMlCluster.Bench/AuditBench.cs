using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql;
using ApiMlCluster.Auth;
using ApiMlCluster.Auth.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiMlCluster.Bench;

/// <summary>
/// The audit pipeline in process: what <c>Record</c> costs a request (queue open, queue full), how many records per
/// second the stream journals into SQLite through one node's writer, and how long pages take to read back.
/// </summary>
internal static class AuditBench
{
    public static async Task RunAsync(int records)
    {
        var rows = new List<string[]>();
        rows.Add(RecordCost("Record, queue open (log off)", capacity: 2_000_000, count: 1_000_000));
        rows.Add(RecordCost("Record, queue full: drop and count", capacity: 1, count: 1_000_000));
        Report.Table("IAuditTrail.Record in process (1 thread)", ["case", "records", "ns/record"], rows);

        var file = Path.Combine(Path.GetTempPath(), $"apiml-audit-bench-{Guid.NewGuid():N}.db");
        try
        {
            await JournalAsync(file, records);
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    private static string[] RecordCost(string name, int capacity, int count)
    {
        using var trail = new StreamingAuditTrail(NullLoggerFactory.Instance, AuditSettings.Default with { QueueCapacity = capacity });
        var record = Sample(0);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            trail.Record(record);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        return [name, Report.Count(count), Report.Fixed(elapsed.TotalNanoseconds / count, 1)];
    }

    private static async Task JournalAsync(string file, int records)
    {
        var system = ActorSystem.Create("audit-bench", Config(file));
        try
        {
            using var trail = new StreamingAuditTrail(NullLoggerFactory.Instance, AuditSettings.Default with { QueueCapacity = records });
            var writer = system.ActorOf(AuditWriter.Props(AuditWriterId.For("bench", 1), TimeSpan.FromDays(90), TimeProvider.System));
            var start = Stopwatch.GetTimestamp();
            trail.Start(system, writer);
            for (var i = 0; i < records; i++)
            {
                trail.Record(Sample(i));
            }

            while (trail.Written + trail.Lost + trail.Dropped < records)
            {
                await Task.Delay(10);
            }

            var written = Stopwatch.GetElapsedTime(start);
            Report.Table(
                "Audit records journaled through the stream into SQLite (one node's writer, batches of ≤ 100)",
                ["records", "batches", "lost", "seconds", "records/s"],
                [[Report.Count(trail.Written), Report.Count(trail.Batches), Report.Count(trail.Lost + trail.Dropped), Report.Fixed(written.TotalSeconds, 2), Report.Rate(trail.Written / written.TotalSeconds)]]);

            var log = new AuditLog(system);
            while ((await log.PageAsync(newestFirst: true, limit: 1, cursor: null)).Records is not [{ Subject: var s }] || s != $"#{records - 1}")
            {
                await Task.Delay(50);
            }

            var pages = new List<string[]>
            {
                await TimeAsync("newest first, first page (limit 50)", () => log.PageAsync(true, 50, null)),
                await TimeAsync("oldest first, first page (limit 50)", () => log.PageAsync(false, 50, null)),
                await TimeAsync("newest first, limit 500", () => log.PageAsync(true, 500, null)),
            };
            var first = await log.PageAsync(true, 50, null);
            var cursor = long.Parse(first.NextCursor!, System.Globalization.CultureInfo.InvariantCulture);
            pages.Add(await TimeAsync("newest first, next page by cursor (limit 50)", () => log.PageAsync(true, 50, cursor)));
            pages.Add(await TimeAsync("oldest first, from the middle (limit 50)", () => log.PageAsync(false, 50, records / 2)));
            Report.Table($"Audit pages read back with CurrentEventsByTag ({Report.Count(records)} records; median of 20)", ["page", "ms"], pages);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<string[]> TimeAsync(string name, Func<Task<AuditPage>> read)
    {
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await read();
            if (i > 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        times.Sort();
        return [name, Report.Ms(times[times.Count / 2])];
    }

    private static AuditRecord Sample(int n) =>
        new(DateTimeOffset.UtcNow, "pat.generate", "USER" + (n % 100), true, "10.0.0.1", ["svc1", "svc2"], 30, $"#{n}", null);

    private static Config Config(string file)
    {
        var connection = $"Data Source={file}";
        using (var sqlite = new SqliteConnection(connection))
        {
            sqlite.Open();
            using var wal = sqlite.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        var hocon = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "persistence-sqlite.conf"));
        return ConfigurationFactory.ParseString(string.Join("\n",
            "akka.loglevel = WARNING",
            "akka.actor.serialization-settings.allow-unregistered-types = false",
            $"akka.persistence.journal.sql.connection-string = \"{connection}\"",
            $"akka.persistence.snapshot-store.sql.connection-string = \"{connection}\"",
            $"akka.persistence.query.journal.sql.connection-string = \"{connection}\"",
            AuthSerializer.Hocon))
            .WithFallback(ConfigurationFactory.ParseString(hocon))
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }
}
