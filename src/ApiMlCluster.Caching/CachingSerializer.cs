using Akka.Actor;
using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Core.Serialization;

namespace ApiMlCluster.Caching;

/// <summary>The caching context's wire and journal format. Manifests are stored in the journal: never reuse or rename one.</summary>
internal sealed class CachingSerializer(ExtendedActorSystem system) : JsonManifestSerializer(system, Manifests)
{
    public const int Id = 9206;

    public const string Hocon = """
        akka.actor {
          serializers.apiml-caching = "ApiMlCluster.Caching.CachingSerializer, ApiMlCluster.Caching"
          serialization-bindings { "ApiMlCluster.Caching.ICachingMessage, ApiMlCluster.Caching" = apiml-caching }
        }
        """;

    private static readonly Dictionary<string, Type> Manifests = new()
    {
        ["cache-create"] = typeof(CreateEntry),
        ["cache-update"] = typeof(UpdateEntry),
        ["cache-delete"] = typeof(DeleteEntry),
        ["cache-clear"] = typeof(ClearEntries),
        ["cache-get"] = typeof(GetEntry),
        ["cache-read"] = typeof(ReadBucket),
        ["map-store"] = typeof(StoreMapItem),
        ["map-evict"] = typeof(EvictMapItems),
        ["cache-done"] = typeof(BucketDone),
        ["cache-rejected"] = typeof(BucketRejected),
        ["cache-retry"] = typeof(BucketRetry),
        ["cache-found"] = typeof(EntryFound),
        ["cache-missing"] = typeof(EntryMissing),
        ["cache-page"] = typeof(BucketPage),
        ["cache-entry"] = typeof(CacheEntry),
        ["map-item"] = typeof(MapItem),
        ["ev-entry-written"] = typeof(EntryWritten),
        ["ev-entry-deleted"] = typeof(EntryDeleted),
        ["ev-entries-cleared"] = typeof(EntriesCleared),
        ["ev-map-item-written"] = typeof(MapItemWritten),
        ["ev-map-items-evicted"] = typeof(MapItemsEvicted),
        ["snap-bucket"] = typeof(BucketSnapshot),
        ["cache-admit-id"] = typeof(AdmitServiceId),
        ["ev-service-id-admitted"] = typeof(ServiceIdAdmitted),
        ["snap-service-ids"] = typeof(ServiceIdsSnapshot),
    };

    public override int Identifier => Id;
}
