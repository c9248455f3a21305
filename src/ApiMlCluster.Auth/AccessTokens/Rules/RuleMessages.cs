namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>What a rule revokes: the PATs of one user (<c>invalidUsers</c>) or the PATs with one scope (<c>invalidScopes</c>).</summary>
internal enum RuleKind
{
    User,
    Scope,
}

/// <summary>
/// One revocation rule, the entry of the rule log: PATs of <paramref name="Subject"/> (an upper-cased user id, or a
/// lower-cased service id) issued at or before <paramref name="Timestamp"/> (Unix milliseconds) are revoked.
/// </summary>
internal sealed record RuleEntry(RuleKind Kind, string Subject, long Timestamp) : IAuthMessage;

/// <summary>Journal event of the sharded rule buckets this log replaced; read at catch-up only.</summary>
internal sealed record RuleStored(RuleEntry Rule) : IAuthMessage;

/// <summary>The rule log's snapshot (and the old buckets'): every rule a writer holds.</summary>
internal sealed record RuleBucketSnapshot(IReadOnlyList<RuleEntry> Rules) : IAuthMessage;
