using Akka.Actor;
using ApiMlCluster.Auth.Audit;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Sessions;
using ApiMlCluster.Core.Serialization;

namespace ApiMlCluster.Auth;

/// <summary>The authentication context's wire and journal format. Manifests are stored in the journal: never reuse or rename one.</summary>
internal sealed class AuthSerializer(ExtendedActorSystem system) : JsonManifestSerializer(system, Manifests)
{
    public const int Id = 9201;

    public const string Hocon = """
        akka.actor {
          serializers.apiml-auth = "ApiMlCluster.Auth.AuthSerializer, ApiMlCluster.Auth"
          serialization-bindings { "ApiMlCluster.Auth.IAuthMessage, ApiMlCluster.Auth" = apiml-auth }
        }
        """;

    private static readonly Dictionary<string, Type> Manifests = new()
    {
        // Revocation log (the first three also name the rows of the sharded buckets it replaced).
        ["ev-token-revoked"] = typeof(TokenRevoked),
        ["snap-bucket"] = typeof(BucketSnapshot),
        ["revoked-token"] = typeof(RevokedToken),
        ["revocations-append"] = typeof(Append<RevokedToken>),
        ["ev-revocations-appended"] = typeof(EntriesAppended<RevokedToken>),
        ["revocations-apply"] = typeof(ApplyEntries<RevokedToken>),

        // PAT rule log.
        ["pat-rule"] = typeof(RuleEntry),
        ["ev-pat-rule-stored"] = typeof(RuleStored),
        ["snap-pat-rules"] = typeof(RuleBucketSnapshot),
        ["pat-rules-append"] = typeof(Append<RuleEntry>),
        ["ev-pat-rules-appended"] = typeof(EntriesAppended<RuleEntry>),
        ["pat-rules-apply"] = typeof(ApplyEntries<RuleEntry>),

        // Session log.
        ["session-record"] = typeof(SessionRecord),
        ["snap-sessions"] = typeof(SessionsSnapshot),
        ["sessions-append"] = typeof(Append<SessionRecord>),
        ["ev-sessions-appended"] = typeof(EntriesAppended<SessionRecord>),
        ["sessions-apply"] = typeof(ApplyEntries<SessionRecord>),

        // Every log.
        ["log-appended"] = typeof(Appended),
        ["log-append-failed"] = typeof(AppendFailed),
        ["log-applied"] = typeof(EntriesApplied),
        ["log-prune"] = typeof(PruneNow),
        ["log-pruned"] = typeof(Pruned),

        ["ev-audit"] = typeof(AuditRecorded),
        ["audit-write"] = typeof(WriteAuditBatch),
        ["audit-written"] = typeof(AuditBatchWritten),
        ["audit-sweep"] = typeof(SweepExpiredAudit),
        ["audit-swept"] = typeof(AuditSwept),
    };

    public override int Identifier => Id;
}
