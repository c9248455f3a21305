using System.Data.Common;
using Akka.Actor.Setup;
using Akka.Persistence.Sql.Config;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Files;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace ApiMlCluster.Node.Persistence;

/// <summary>
/// Prepares the embedded SQLite database before Akka opens it: the directory exists and the file is in WAL
/// mode, which lets the nodes of a local cluster read while one of them writes (the default rollback journal
/// would make them fail with "database is locked" under load).
/// </summary>
internal static class SqliteStore
{
    /// <summary>How long a connection waits inside SQLite for another writer's lock before it reports busy.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The journal, the owned journal, the snapshot store and every node of a local cluster write the one file, and
    /// SQLite lets one writer in at a time. Microsoft.Data.Sqlite sets no busy timeout: a busy write sleeps 150 ms
    /// and tries again, so under concurrency most writes waited 150 ms for a lock held for about one (registrations
    /// at 16 clients: 124/s, p50 119 ms). With SQLite's own busy handler a waiting writer gets the lock within a few
    /// milliseconds of its release. Applied to every Akka.Persistence.Sql plugin of the node.
    /// </summary>
    public static Setup BusyWaitSetup(string connectionString) =>
        new DataOptionsSetup(new DataOptions()
            .UseConnectionString(ProviderName.SQLiteMS, connectionString)
            .UseAfterConnectionOpened(SetBusyTimeout, SetBusyTimeoutAsync));

    private static string BusyTimeoutPragma => $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";

    private static void SetBusyTimeout(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = BusyTimeoutPragma;
        command.ExecuteNonQuery();
    }

    private static async Task SetBusyTimeoutAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = BusyTimeoutPragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void Prepare(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException("cluster.persistence.connectionString", $"not a valid SQLite connection string: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ConfigException("cluster.persistence.connectionString", "needs a database file (Data Source=...); an in-memory database would lose every acknowledged write");
        }

        try
        {
            var file = Path.GetFullPath(builder.DataSource);
            PrivateFiles.EnsureDirectory(Path.GetDirectoryName(file)!);
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();

            // SQLite gives the -wal and -shm files the database file's mode, so this covers all three.
            foreach (var part in new[] { file, file + "-wal", file + "-shm" })
            {
                PrivateFiles.Restrict(part);
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigException("cluster.persistence.connectionString", $"cannot open SQLite database '{builder.DataSource}': {e.Message}");
        }
    }
}
