namespace ApiMlCluster.Auth.Revocation;

/// <summary>Revoke a token until it expires. Answered with <see cref="RevokeResult"/> once durable and applied on the nodes.</summary>
internal sealed record Revoke(Guid TokenId, long ExpiresAt) : IAuthMessage;

internal enum RevokeOutcome
{
    Revoked,
    AlreadyRevoked,

    /// <summary>The journal refused the write: nothing is revoked, the caller answers 503 (never a wrong 401).</summary>
    StoreFailed,
}

/// <summary><paramref name="Unconfirmed"/> lists nodes (Akka addresses) that had not applied the revocation when the answer was due.</summary>
internal sealed record RevokeResult(Guid TokenId, RevokeOutcome Outcome, IReadOnlyList<string> Unconfirmed) : IAuthMessage;

/// <summary>Sent by a bucket to every node's replica after the revocation is durable.</summary>
internal sealed record ApplyRevocation(Guid TokenId, long ExpiresAt) : IAuthMessage;

/// <summary>A replica's acknowledgement; <paramref name="Node"/> is its node's cluster address.</summary>
internal sealed record RevocationApplied(Guid TokenId, string Node) : IAuthMessage;

/// <summary>Asks a bucket for all its unexpired entries, answered with one or more <see cref="BucketPage"/>s.</summary>
internal sealed record ReadBucket(int Bucket) : IAuthMessage;

/// <summary>Entries packed by <see cref="PackedEntries"/>: pages keep each remote message far below the frame size.</summary>
internal sealed record BucketPage(int Bucket, byte[] Entries, bool Last) : IAuthMessage;

/// <summary>Journal event of a bucket.</summary>
internal sealed record TokenRevoked(Guid TokenId, long ExpiresAt) : IAuthMessage;

/// <summary>Snapshot of a bucket: its unexpired entries, packed.</summary>
internal sealed record BucketSnapshot(byte[] Entries) : IAuthMessage;
