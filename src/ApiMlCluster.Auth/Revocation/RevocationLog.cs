using System.Globalization;
using ApiMlCluster.Auth.Replication;

namespace ApiMlCluster.Auth.Revocation;

/// <summary>
/// Revoked token ids (logouts, refreshes, revoked PATs) until they expire. A revocation is an add to a set: any
/// node's writer records it, and the logout answers once every reachable node rejects the token.
/// </summary>
internal sealed class RevocationLog : ReplicatedLog<RevokedToken, Guid>
{
    public static readonly RevocationLog Instance = new();

    /// <summary>The 64 sharded buckets of earlier versions: still read at catch-up so an upgrade forgets no revocation.</summary>
    private static readonly string[] Legacy = [.. Enumerable.Range(0, 64).Select(b => "revocations-" + b.ToString("D2", CultureInfo.InvariantCulture))];

    public override string Name => "revocations";

    public override IReadOnlyList<string> LegacyPersistenceIds => Legacy;

    public override Guid KeyOf(RevokedToken entry) => entry.TokenId;

    public override RevokedToken Merge(RevokedToken existing, RevokedToken incoming) =>
        incoming.ExpiresAt > existing.ExpiresAt ? incoming : existing;

    public override long ExpiryOf(RevokedToken entry) => entry.ExpiresAt;

    public override long Cutoff(DateTimeOffset now, ReplicationSettings settings) => (now - settings.PruneMargin).ToUnixTimeSeconds();

    public override object Snapshot(IReadOnlyCollection<RevokedToken> entries) =>
        new BucketSnapshot(PackedEntries.Pack([.. entries.Select(e => KeyValuePair.Create(e.TokenId, e.ExpiresAt))]));

    public override IEnumerable<RevokedToken> Decode(object payload) => payload switch
    {
        BucketSnapshot snapshot => PackedEntries.Unpack(snapshot.Entries).Select(e => new RevokedToken(e.Key, e.Value)),
        TokenRevoked legacy => [new RevokedToken(legacy.TokenId, legacy.ExpiresAt)],
        _ => base.Decode(payload),
    };
}
