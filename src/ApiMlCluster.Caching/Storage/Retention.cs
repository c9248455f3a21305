using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ApiMlCluster.Caching.Storage;

/// <summary>
/// Which map items the evict endpoints drop (Zowe's removeNonRelevantTokens/Rules). A value that cannot be read is
/// kept: dropping it would un-revoke a token because of a parse error.
/// </summary>
internal static class Retention
{
    /// <summary>Revocation rules older than this are dropped (Zowe's 90 days, the longest PAT validity).</summary>
    public static readonly TimeSpan RuleRetention = TimeSpan.FromDays(90);

    public static bool IsIrrelevant(EvictionRule rule, byte[] value, DateTimeOffset now) => rule switch
    {
        EvictionRule.ExpiredTokens => TokenExpiry(value) is { } expiresAt && expiresAt < now,
        EvictionRule.OldRules => RuleTime(value) is { } at && now - at > RuleRetention,
        _ => false,
    };

    /// <summary>
    /// <c>expiresAt</c> of an <c>AccessTokenContainer</c>: Jackson writes a LocalDateTime as an ISO text or as an array
    /// [y, M, d, h, m, s, nanos] depending on its configuration, and some clients send epoch milliseconds. A time
    /// without an offset is taken as UTC.
    /// </summary>
    public static DateTimeOffset? TokenExpiry(byte[] value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("expiresAt", out var expiresAt))
            {
                return null;
            }

            return expiresAt.ValueKind switch
            {
                JsonValueKind.String when DateTimeOffset.TryParse(expiresAt.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
                JsonValueKind.Number when expiresAt.TryGetInt64(out var ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms),
                JsonValueKind.Array => FromParts(expiresAt),
                _ => null,
            };
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A rule's value: the epoch milliseconds from which tokens issued earlier are revoked.</summary>
    public static DateTimeOffset? RuleTime(byte[] value) =>
        long.TryParse(Encoding.UTF8.GetString(value).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            && ms >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    private static DateTimeOffset? FromParts(JsonElement parts)
    {
        var values = parts.EnumerateArray().Select(p => p.TryGetInt32(out var v) ? v : -1).ToList();
        if (values.Count < 3 || values.Any(v => v < 0))
        {
            return null;
        }

        int At(int i) => i < values.Count ? values[i] : 0;
        var at = new DateTimeOffset(At(0), At(1), At(2), At(3), At(4), At(5), TimeSpan.Zero);
        return at.AddTicks(At(6) / 100);
    }
}
