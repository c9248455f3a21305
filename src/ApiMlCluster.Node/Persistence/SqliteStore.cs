using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Core.Files;
using Microsoft.Data.Sqlite;

namespace ApiMlCluster.Node.Persistence;

/// <summary>
/// Prepares the embedded SQLite database before Akka opens it: the directory exists and the file is in WAL
/// mode, which lets the nodes of a local cluster read while one of them writes (the default rollback journal
/// would make them fail with "database is locked" under load).
/// </summary>
internal static class SqliteStore
{
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
