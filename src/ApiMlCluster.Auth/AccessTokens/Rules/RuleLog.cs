using System.Globalization;
using ApiMlCluster.Auth.Replication;

namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>
/// PAT revocation rules by user and by scope. "The later timestamp wins" needs no single owner: any node's writer
/// records a rule, and every node keeps the latest timestamp it has seen for the subject.
/// </summary>
internal sealed class RuleLog : ReplicatedLog<RuleEntry, (RuleKind Kind, string Subject)>
{
    public static readonly RuleLog Instance = new();

    /// <summary>The 16 sharded buckets of earlier versions, read at catch-up so an upgrade forgets no rule.</summary>
    private static readonly string[] Legacy = [.. Enumerable.Range(0, 16).Select(b => "pat-rules-" + b.ToString("D2", CultureInfo.InvariantCulture))];

    public override string Name => "pat-rules";

    public override IReadOnlyList<string> LegacyPersistenceIds => Legacy;

    public override (RuleKind Kind, string Subject) KeyOf(RuleEntry entry) => (entry.Kind, entry.Subject);

    public override RuleEntry Merge(RuleEntry existing, RuleEntry incoming) =>
        incoming.Timestamp > existing.Timestamp ? incoming : existing;

    public override long ExpiryOf(RuleEntry entry) => entry.Timestamp;

    /// <summary>A PAT lives at most 90 days, so a rule that old can only match tokens that have expired.</summary>
    public override long Cutoff(DateTimeOffset now, ReplicationSettings settings) => (now - RuleSettings.MaxAge).ToUnixTimeMilliseconds();

    public override object Snapshot(IReadOnlyCollection<RuleEntry> entries) => new RuleBucketSnapshot([.. entries]);

    public override IEnumerable<RuleEntry> Decode(object payload) => payload switch
    {
        RuleBucketSnapshot snapshot => snapshot.Rules,
        RuleStored legacy => [legacy.Rule],
        _ => base.Decode(payload),
    };
}
