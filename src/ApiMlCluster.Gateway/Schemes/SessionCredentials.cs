using System.Collections.Concurrent;
using Akka.Actor;
using ApiMlCluster.Auth;
using ApiMlCluster.Auth.Sessions;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>The southbound credentials (z/OSMF JWT or LTPA) stored with a session; null when they cannot be read now.</summary>
internal interface ISessionCredentials
{
    ValueTask<IReadOnlyDictionary<string, string>?> GetAsync(Guid sessionId, CancellationToken cancellationToken);
}

/// <summary>
/// Reads them from the session's sharded entity once per session and node, then from a local cache: a session's
/// credentials never change, and the token's validity (expiry, revocation) is checked before this on every request.
/// </summary>
internal sealed class ShardedSessionCredentials(AuthActorsHolder actors, ILogger<ShardedSessionCredentials> log, int capacity = ShardedSessionCredentials.DefaultCapacity)
    : ISessionCredentials
{
    public const int DefaultCapacity = 20_000;

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, IReadOnlyDictionary<string, string>> cache = new();

    public async ValueTask<IReadOnlyDictionary<string, string>?> GetAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(sessionId, out var cached))
        {
            return cached;
        }

        object answer;
        try
        {
            var started = await actors.Actors.WaitAsync(Timeout, cancellationToken);
            answer = await started.Sessions.Ask<object>(new GetSession(sessionId), Timeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException)
        {
            log.LogWarning("Session {Session} did not answer within {Timeout}", sessionId, Timeout);
            return null;
        }

        var credentials = answer switch
        {
            SessionInfo { EndedAt: null } info => info.SouthboundCredentials,
            _ => None,
        };
        if (cache.Count >= capacity)
        {
            cache.Clear();
        }

        cache[sessionId] = credentials;
        return credentials;
    }
}
