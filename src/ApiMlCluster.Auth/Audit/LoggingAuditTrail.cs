using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Auth.Audit;

/// <summary>Writes each audit record as one log line under the <c>ApiMlCluster.Audit</c> category.</summary>
internal sealed class LoggingAuditTrail(ILoggerFactory loggers) : IAuditTrail
{
    private readonly ILogger log = loggers.CreateLogger("ApiMlCluster.Audit");

    public void Record(AuditRecord record) =>
        log.LogInformation(
            "AUDIT {Action} user={User} success={Success} source={Source} scopes=[{Scopes}] validityDays={Validity} subject={Subject} reason={Reason}",
            record.Action, record.UserId, record.Success, record.SourceAddress, string.Join(",", record.Scopes), record.ValidityDays, record.Subject, record.Reason);
}
