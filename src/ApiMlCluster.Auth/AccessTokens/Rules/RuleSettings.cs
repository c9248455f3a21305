using System.Globalization;

namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>Where rules live and how long they are kept.</summary>
internal static class RuleSettings
{
    /// <summary>Buckets (persistent entities) the rules are spread over; changing it re-homes every rule, so it is fixed.</summary>
    public const int Buckets = 16;

    /// <summary>
    /// Rules older than this are evicted: a PAT lives at most 90 days, so a rule that old can only match tokens that
    /// have expired (a token it revokes was issued before the rule).
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(90);

    public const int PageSize = 2000;

    public static int BucketOf(RuleKind kind, string subject)
    {
        // FNV-1a: stable across processes and runtimes, unlike string.GetHashCode, so every node picks the same bucket.
        var hash = 2166136261u ^ (uint)kind;
        foreach (var c in subject)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Buckets);
    }

    public static string EntityId(int bucket) => bucket.ToString(CultureInfo.InvariantCulture);

    /// <summary>User ids compare case-insensitively on z/OS; service ids are lower-cased as Zowe's scopes are.</summary>
    public static string Normalize(RuleKind kind, string subject) =>
        kind == RuleKind.User ? subject.Trim().ToUpperInvariant() : subject.Trim().ToLowerInvariant();
}
