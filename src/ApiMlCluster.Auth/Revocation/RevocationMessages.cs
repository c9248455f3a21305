namespace ApiMlCluster.Auth.Revocation;

/// <summary>A revoked token id and its expiry (Unix seconds): the entry of the revocation log.</summary>
internal sealed record RevokedToken(Guid TokenId, long ExpiresAt) : IAuthMessage;

/// <summary>Journal event of the sharded revocation buckets this log replaced; read at catch-up only.</summary>
internal sealed record TokenRevoked(Guid TokenId, long ExpiresAt) : IAuthMessage;

/// <summary>Unexpired revocations packed by <see cref="PackedEntries"/>: the revocation log's snapshot (and the old buckets').</summary>
internal sealed record BucketSnapshot(byte[] Entries) : IAuthMessage;
