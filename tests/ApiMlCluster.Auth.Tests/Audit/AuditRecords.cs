using ApiMlCluster.Auth.Audit;

namespace ApiMlCluster.Auth.Tests.Audit;

internal static class AuditRecords
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int n) => Start.AddSeconds(n);

    /// <summary>A PAT generation record whose time and subject say which one it is.</summary>
    public static AuditRecord Numbered(int n, string user = "ALICE") =>
        new(At(n), "pat.generate", user, true, "127.0.0.1", ["svc"], 30, $"#{n}", null);
}
