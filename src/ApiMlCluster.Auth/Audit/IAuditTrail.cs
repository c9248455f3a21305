namespace ApiMlCluster.Auth.Audit;

/// <summary>
/// One audited security event (stands in for Zowe's SMF type 83 records). Never carries a token, only who did what.
/// </summary>
/// <param name="Action">For example <c>pat.generate</c>, <c>pat.revoke</c>, <c>pat.revoke.user</c>, <c>pat.revoke.scope</c>, <c>pat.evict</c>.</param>
/// <param name="UserId">Who acted (the authenticated caller; null when the caller could not be authenticated).</param>
/// <param name="Success">Whether the action took effect.</param>
/// <param name="Subject">What the action was about besides the caller: the revoked user, the revoked scope.</param>
internal sealed record AuditRecord(
    DateTimeOffset At,
    string Action,
    string? UserId,
    bool Success,
    string? SourceAddress,
    IReadOnlyList<string> Scopes,
    int? ValidityDays,
    string? Subject,
    string? Reason);

/// <summary>Where audit records go. Recording never blocks the request and never throws.</summary>
internal interface IAuditTrail
{
    void Record(AuditRecord record);
}
