using Akka.Actor;
using ApiMlCluster.Auth.Audit;
using ApiMlCluster.Auth.AccessTokens.Rules;
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
        ["session-start"] = typeof(StartSession),
        ["session-get"] = typeof(GetSession),
        ["session-end"] = typeof(EndSession),
        ["session-info"] = typeof(SessionInfo),
        ["session-none"] = typeof(SessionNotFound),
        ["ev-session-opened"] = typeof(SessionOpened),
        ["ev-session-closed"] = typeof(SessionClosed),
        ["revoke"] = typeof(Revoke),
        ["revoke-result"] = typeof(RevokeResult),
        ["revocation-apply"] = typeof(ApplyRevocation),
        ["revocation-applied"] = typeof(RevocationApplied),
        ["bucket-read"] = typeof(ReadBucket),
        ["bucket-page"] = typeof(BucketPage),
        ["ev-token-revoked"] = typeof(TokenRevoked),
        ["snap-bucket"] = typeof(BucketSnapshot),
        ["ev-audit"] = typeof(AuditRecorded),
        ["audit-write"] = typeof(WriteAuditBatch),
        ["audit-written"] = typeof(AuditBatchWritten),
        ["pat-rule"] = typeof(RuleEntry),
        ["pat-rule-add"] = typeof(AddRule),
        ["pat-rule-recorded"] = typeof(RuleRecorded),
        ["pat-rule-failed"] = typeof(RuleStoreFailed),
        ["pat-rule-apply"] = typeof(ApplyRule),
        ["pat-rule-applied"] = typeof(RuleApplied),
        ["pat-rules-read"] = typeof(ReadRules),
        ["pat-rules-page"] = typeof(RulePage),
        ["pat-rules-evict"] = typeof(EvictRules),
        ["pat-rules-evicted"] = typeof(RulesEvicted),
        ["ev-pat-rule-stored"] = typeof(RuleStored),
        ["snap-pat-rules"] = typeof(RuleBucketSnapshot),
    };

    public override int Identifier => Id;
}
