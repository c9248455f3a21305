using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql;
using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Core.Homing;
using ApiMlCluster.TestSupport;
using Microsoft.Data.Sqlite;

namespace ApiMlCluster.Caching.Tests.Storage;

/// <summary>
/// An ActorSystem with the SQL journal and snapshot store on a SQLite file of its own, for bucket entities created
/// directly (the host only routes to them; the node and homing tests cover that part).
/// </summary>
public abstract class BucketTestKit : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TimeSpan Ask = TimeSpan.FromSeconds(15);

    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "apiml-caching-tests");

    protected BucketTestKit()
        : base(Config(Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".db")))
    {
    }

    protected ManualClock Clock { get; } = new();

    internal IActorRef Start(string entityId, BucketLimits limits) => Sys.ActorOf(CacheBucket.Props(entityId, limits, Clock));

    /// <summary>Stops the entity and waits until it is gone, so a new one with the same id recovers from the store.</summary>
    internal async Task StopAsync(IActorRef bucket)
    {
        Watch(bucket);
        bucket.Tell(StopBucket.Instance);
        await ExpectTerminatedAsync(bucket, Ask);
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

        return OwnedJournal.AddTo(ConfigurationFactory.ParseString(string.Join("\n",
            "akka.loglevel = WARNING",
            "akka.actor.serialization-settings.allow-unregistered-types = false",
            "akka.persistence.journal.plugin = akka.persistence.journal.sql",
            "akka.persistence.snapshot-store.plugin = akka.persistence.snapshot-store.sql",
            "akka.persistence.journal.sql.provider-name = \"SQLite.MS\"",
            "akka.persistence.snapshot-store.sql.provider-name = \"SQLite.MS\"",
            $"akka.persistence.journal.sql.connection-string = \"{connection}\"",
            $"akka.persistence.snapshot-store.sql.connection-string = \"{connection}\"",
            CachingSerializer.Hocon)).WithFallback(SqlPersistence.DefaultConfiguration));
    }
}
