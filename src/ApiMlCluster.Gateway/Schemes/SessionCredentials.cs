using ApiMlCluster.Auth.Replication;

namespace ApiMlCluster.Gateway.Schemes;

/// <summary>The southbound credentials (z/OSMF JWT or LTPA) stored with a session; null when they cannot be read now.</summary>
internal interface ISessionCredentials
{
    ValueTask<IReadOnlyDictionary<string, string>?> GetAsync(Guid sessionId, CancellationToken cancellationToken);
}

/// <summary>
/// Reads them from this node's session store, which every node keeps complete (the session log's replica): no
/// actor round trip and no other node on the request path. The token's validity (expiry, revocation) is checked
/// before this on every request.
/// </summary>
internal sealed class ReplicatedSessionCredentials(AuthWrites sessions) : ISessionCredentials
{
    public ValueTask<IReadOnlyDictionary<string, string>?> GetAsync(Guid sessionId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(sessions.SessionCredentials(sessionId));
}
