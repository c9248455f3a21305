namespace ApiMlCluster.Auth.Sessions;

/// <summary>A command to the session entity of one token (its <c>jti</c>).</summary>
internal interface ISessionCommand : IAuthMessage
{
    Guid SessionId { get; }
}

/// <summary>Opens the session a login created; answered with <see cref="SessionInfo"/> once journaled.</summary>
internal sealed record StartSession(
    Guid SessionId,
    string UserId,
    string? Domain,
    long IssuedAt,
    long ExpiresAt,
    IReadOnlyDictionary<string, string> SouthboundCredentials) : ISessionCommand
{
    public override string ToString() => $"StartSession {{ SessionId = {SessionId}, UserId = {UserId} }}";
}

internal sealed record GetSession(Guid SessionId) : ISessionCommand;

/// <summary>Ends the session (logout, refresh); answered with the <see cref="SessionInfo"/> it had, now ended.</summary>
internal sealed record EndSession(Guid SessionId) : ISessionCommand;

/// <summary>A session as its entity knows it. Times are Unix seconds.</summary>
internal sealed record SessionInfo(
    Guid SessionId,
    string UserId,
    string? Domain,
    long IssuedAt,
    long ExpiresAt,
    IReadOnlyDictionary<string, string> SouthboundCredentials,
    long? EndedAt) : IAuthMessage
{
    // Southbound credentials are secrets: keep them out of logs and dead-letter messages.
    public override string ToString() => $"SessionInfo {{ SessionId = {SessionId}, UserId = {UserId}, EndedAt = {EndedAt} }}";
}

internal sealed record SessionNotFound(Guid SessionId) : IAuthMessage;

internal sealed record SessionOpened(
    string UserId,
    string? Domain,
    long IssuedAt,
    long ExpiresAt,
    IReadOnlyDictionary<string, string> SouthboundCredentials) : IAuthMessage
{
    public override string ToString() => $"SessionOpened {{ UserId = {UserId} }}";
}

internal sealed record SessionClosed(long At) : IAuthMessage;
