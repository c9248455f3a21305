namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>What a rule revokes: the PATs of one user (<c>invalidUsers</c>) or the PATs with one scope (<c>invalidScopes</c>).</summary>
internal enum RuleKind
{
    User,
    Scope,
}

/// <summary>
/// One revocation rule: PATs of <paramref name="Subject"/> (an upper-cased user id, or a lower-cased service id)
/// issued at or before <paramref name="Timestamp"/> (Unix milliseconds) are revoked.
/// </summary>
internal sealed record RuleEntry(RuleKind Kind, string Subject, long Timestamp) : IAuthMessage;

/// <summary>Records a rule durably; answered with <see cref="RuleRecorded"/> once every reachable node applies it, or <see cref="RuleStoreFailed"/>.</summary>
internal sealed record AddRule(RuleEntry Rule) : IAuthMessage;

/// <summary>
/// The rule in effect after the call (the later of the stored and the requested timestamp).
/// <paramref name="Unconfirmed"/> lists nodes (Akka addresses) that had not applied it when the answer was due.
/// </summary>
internal sealed record RuleRecorded(RuleEntry Rule, IReadOnlyList<string> Unconfirmed) : IAuthMessage;

/// <summary>The journal or snapshot store refused the write: nothing was acknowledged.</summary>
internal sealed record RuleStoreFailed(string Reason) : IAuthMessage;

/// <summary>Sent by a bucket to every node's <see cref="RuleReplica"/> after the rule is durable.</summary>
internal sealed record ApplyRule(RuleEntry Rule) : IAuthMessage;

/// <summary>A replica's acknowledgement; <paramref name="Node"/> is its node's cluster address.</summary>
internal sealed record RuleApplied(RuleEntry Rule, string Node) : IAuthMessage;

/// <summary>Asks a bucket for all its rules, answered with one or more <see cref="RulePage"/>s.</summary>
internal sealed record ReadRules(int Bucket) : IAuthMessage;

internal sealed record RulePage(int Bucket, IReadOnlyList<RuleEntry> Rules, bool Last) : IAuthMessage;

/// <summary>Drops a bucket's rules older than <paramref name="Cutoff"/> (Unix ms) and snapshots; answered with <see cref="RulesEvicted"/> once the snapshot is saved.</summary>
internal sealed record EvictRules(int Bucket, long Cutoff) : IAuthMessage;

internal sealed record RulesEvicted(int Bucket, int Removed) : IAuthMessage;

/// <summary>Journal event of a rule bucket.</summary>
internal sealed record RuleStored(RuleEntry Rule) : IAuthMessage;

/// <summary>Snapshot of a rule bucket: every rule it holds.</summary>
internal sealed record RuleBucketSnapshot(IReadOnlyList<RuleEntry> Rules) : IAuthMessage;
