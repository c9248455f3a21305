namespace ApiMlCluster.Auth.Sessions;

/// <summary>
/// A login that has southbound state to keep (the z/OSMF JWT or LTPA token the provider returned): the entry of the
/// session log. Logins without such state journal nothing; their JWT is self-contained, as in Zowe. The credentials
/// are sealed (<see cref="CredentialSealer"/>) in the journal and on the wire. Times are Unix seconds.
/// </summary>
internal sealed record SessionRecord(
    Guid SessionId,
    string UserId,
    long ExpiresAt,
    byte[] SealedCredentials,
    long? EndedAt) : IAuthMessage
{
    // Equality by value for the log's merge (records compare arrays by reference).
    public bool Equals(SessionRecord? other) =>
        other is not null && SessionId == other.SessionId && UserId == other.UserId && ExpiresAt == other.ExpiresAt
        && EndedAt == other.EndedAt && SealedCredentials.AsSpan().SequenceEqual(other.SealedCredentials);

    public override int GetHashCode() => HashCode.Combine(SessionId, EndedAt);

    public override string ToString() => $"SessionRecord {{ SessionId = {SessionId}, UserId = {UserId}, EndedAt = {EndedAt} }}";
}

/// <summary>The session log's snapshot: every unexpired session a writer holds.</summary>
internal sealed record SessionsSnapshot(IReadOnlyList<SessionRecord> Sessions) : IAuthMessage;
