using System.Data.Common;
using ApiMlCluster.Core.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ApiMlCluster.Node.Persistence;

/// <summary>
/// Answers "can this node reach its durable store right now?" for the health endpoint. Results are reused
/// for a few seconds so that load balancers polling health do not turn into database load.
/// </summary>
public sealed class PersistenceProbe(PersistenceSettings settings, TimeProvider clock)
{
    private static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset At, ProbeResult Result)? last;

    public PersistenceProvider Provider => settings.Provider;

    public async Task<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (last is { } cached && clock.GetUtcNow() - cached.At < ReuseFor)
        {
            return cached.Result;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (last is { } again && clock.GetUtcNow() - again.At < ReuseFor)
            {
                return again.Result;
            }

            var result = await QueryAsync(cancellationToken);
            last = (clock.GetUtcNow(), result);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ProbeResult> QueryAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await using DbConnection connection = settings.Provider == PersistenceProvider.PostgreSql
                ? new NpgsqlConnection(settings.ConnectionString)
                : new SqliteConnection(settings.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return new ProbeResult(true, null);
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return new ProbeResult(false, e is OperationCanceledException ? "no answer within 3 s" : e.Message);
        }
    }
}

public sealed record ProbeResult(bool Up, string? Error);
