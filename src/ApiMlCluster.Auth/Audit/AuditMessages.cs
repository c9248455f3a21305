namespace ApiMlCluster.Auth.Audit;

/// <summary>The journal event of one audit record, tagged <see cref="AuditTag"/> so every node can read the whole stream.</summary>
internal sealed record AuditRecorded(AuditRecord Record) : IAuthMessage
{
    public const string AuditTag = "audit";
}

/// <summary>A batch from the audit stream to this node's writer; answered with <see cref="AuditBatchWritten"/> once journaled.</summary>
internal sealed record WriteAuditBatch(IReadOnlyList<AuditRecord> Records) : IAuthMessage;

internal sealed record AuditBatchWritten(int Count, bool Success) : IAuthMessage;

/// <summary>Asks the writer to delete its records older than the retention now (its timer sends it hourly).</summary>
internal sealed record SweepExpiredAudit : IAuthMessage
{
    public static readonly SweepExpiredAudit Instance = new();
}

/// <summary>The sweep's answer: the sequence number deleted through, 0 when nothing went.</summary>
internal sealed record AuditSwept(long DeletedThrough) : IAuthMessage;
