namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>How long rules are kept and how subjects compare.</summary>
internal static class RuleSettings
{
    /// <summary>
    /// Rules older than this are dropped: a PAT lives at most 90 days, so a rule that old can only match tokens that
    /// have expired (a token it revokes was issued before the rule).
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(90);

    /// <summary>User ids compare case-insensitively on z/OS; service ids are lower-cased as Zowe's scopes are.</summary>
    public static string Normalize(RuleKind kind, string subject) =>
        kind == RuleKind.User ? subject.Trim().ToUpperInvariant() : subject.Trim().ToLowerInvariant();
}
