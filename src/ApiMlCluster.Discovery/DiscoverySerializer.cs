using Akka.Actor;
using ApiMlCluster.Core.Serialization;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery;

/// <summary>The discovery context's wire and journal format. Manifests are stored in the journal: never reuse or rename one.</summary>
internal sealed class DiscoverySerializer(ExtendedActorSystem system) : JsonManifestSerializer(system, Manifests)
{
    public const int Id = 9202;

    /// <summary>
    /// The serializer, and the journal as the store of remembered service entities: an entity must run to evict
    /// expired leases, so after a failover or a cold start every service with instances is started again.
    /// </summary>
    public const string Hocon = """
        akka.actor {
          serializers.apiml-discovery = "ApiMlCluster.Discovery.DiscoverySerializer, ApiMlCluster.Discovery"
          serialization-bindings { "ApiMlCluster.Discovery.IDiscoveryMessage, ApiMlCluster.Discovery" = apiml-discovery }
        }
        akka.cluster.sharding.remember-entities-store = eventsourced
        """;

    private static readonly Dictionary<string, Type> Manifests = new()
    {
        ["svc-register"] = typeof(Register),
        ["svc-renew"] = typeof(Renew),
        ["svc-cancel"] = typeof(Cancel),
        ["svc-override"] = typeof(OverrideStatus),
        ["svc-override-remove"] = typeof(RemoveStatusOverride),
        ["svc-metadata"] = typeof(UpdateMetadata),
        ["svc-get"] = typeof(GetService),
        ["svc-ack"] = typeof(RegistryAck),
        ["svc-not-found"] = typeof(InstanceNotFound),
        ["svc-refused"] = typeof(RegistryRefused),
        ["ev-instance-stored"] = typeof(InstanceStored),
        ["ev-instance-removed"] = typeof(InstanceRemoved),
        ["snap-service"] = typeof(ServiceSnapshot),
        ["replica-change"] = typeof(InstanceChanged),
        ["replica-beacon"] = typeof(ServiceBeacon),
        ["replica-chunk"] = typeof(ServiceChunk),
        ["replica-sync"] = typeof(SyncRequest),
        ["replica-sync-page"] = typeof(SyncPage),
    };

    public override int Identifier => Id;
}
