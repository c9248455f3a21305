using Akka.Actor;
using Akka.Configuration;
using ApiMlCluster.Caching.Storage;

namespace ApiMlCluster.Caching.Tests;

/// <summary>Every cluster message, journal event and snapshot survives the caching serializer unchanged.</summary>
public sealed class CachingSerializerTests : IDisposable
{
    private static readonly Guid Request = Guid.Parse("0a4e5e0e-6d1e-4c57-9a3e-3a4b3c2d1e0f");
    private static readonly byte[] Value = [0x76, 0xC3, 0xA9, 0x00, 0xFF];
    private static readonly CacheEntry Entry = new("key", Value, 1_700_000_000_000);
    private static readonly MapItem Item = new("invalidTokens", "hash", Value);

    private readonly ActorSystem system = ActorSystem.Create("caching-serializer-test", ConfigurationFactory.ParseString(CachingSerializer.Hocon));

    public static TheoryData<object> Messages() =>
    [
        new CreateEntry("e-1", Request, "key", Value),
        new UpdateEntry("e-1", Request, "key", Value),
        new DeleteEntry("e-1", Request, "key"),
        new ClearEntries("e-1", Request),
        new GetEntry("e-1", "key"),
        new ReadBucket("e-1", BucketContent.MapItems, "invalidUsers"),
        new ReadBucket("e-1", BucketContent.Entries, null),
        new StoreMapItem("e-1", Request, "invalidUsers", "user", Value),
        new EvictMapItems("e-1", Request, "invalidScopes", EvictionRule.OldRules),
        new BucketDone(Request),
        new BucketRejected(Request, RejectionReason.Full),
        new EntryFound(Entry),
        new EntryMissing("key"),
        new BucketPage("e-1", [Entry], [Item], Last: true),
        Entry,
        Item,
        new EntryWritten(Request, "key", Value, 5, "older"),
        new EntryWritten(Request, "key", Value, 5, null),
        new EntryDeleted(Request, "key"),
        new EntriesCleared(Request),
        new MapItemWritten(Request, "m", "i", Value),
        new MapItemsEvicted(Request, "m", ["a", "b"]),
        new BucketSnapshot([Entry], [Item], [Request]),
        new AdmitServiceId("ids-1", Request, "svc", 100),
        new BucketRejected(Request, RejectionReason.TooManyServiceIds),
        new ServiceIdAdmitted("svc"),
        new ServiceIdsSnapshot(["a", "b"]),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void RoundTrip_EveryMessage_IsEqualAfterwards(object message)
    {
        var serializer = system.Serialization.FindSerializerFor(message);

        var copy = system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.IsType<CachingSerializer>(serializer);
        Assert.Equal(Normalize(message), Normalize(copy));
    }

    [Fact]
    public void Manifest_EveryCachingMessageType_HasOne()
    {
        var serializer = (CachingSerializer)system.Serialization.FindSerializerForType(typeof(BucketDone));
        var types = typeof(CachingSerializer).Assembly.GetTypes()
            .Where(t => typeof(ICachingMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false });

        Assert.All(types, t => Assert.NotEmpty(serializer.Manifest(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t))));
    }

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));

    // Records holding arrays compare them by reference, so compare their JSON instead.
    private static string Normalize(object message) => System.Text.Json.JsonSerializer.Serialize(message, message.GetType());
}
