using Akka.Actor;
using Akka.Configuration;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.Sticky;

namespace ApiMlCluster.Gateway.Tests;

/// <summary>Every cluster message and journal event survives the gateway serializer unchanged.</summary>
public sealed class GatewaySerializerTests : IDisposable
{
    private readonly ActorSystem system = ActorSystem.Create("serializer-test", ConfigurationFactory.ParseString(GatewaySerializer.Hocon));

    public static TheoryData<object> Messages() =>
    [
        new ChooseStickyInstance("user1:svc", "localhost:svc:1", "localhost:svc:2", 28_800_000),
        new ChooseStickyInstance("user1:svc", "localhost:svc:1", null, 28_800_000),
        new StickyChoice("user1:svc", "localhost:svc:1", 1_763_900_000_000),
        new StickyChoiceRecorded(new StickyChoice("user1:svc", "localhost:svc:1", 1_763_900_000_000)),
        new InstanceMarkedDown("localhost:svc:1", 42, 15_000),
        new InstanceCleared("localhost:svc:1", 42),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void RoundTrip_EveryMessage_IsEqualAfterwards(object message)
    {
        var serializer = system.Serialization.FindSerializerFor(message);

        var copy = system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.IsType<GatewaySerializer>(serializer);
        Assert.Equal(message, copy);
    }

    [Fact]
    public void RoundTrip_StickyBucketSnapshot_KeepsEveryChoice()
    {
        var snapshot = new StickyBucketSnapshot([new StickyChoice("user1:svc", "localhost:svc:1", 1), new StickyChoice("user2:svc", "localhost:svc:2", 2)]);
        var serializer = system.Serialization.FindSerializerFor(snapshot);

        var copy = (StickyBucketSnapshot)system.Serialization.Deserialize(serializer.ToBinary(snapshot), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, snapshot));

        Assert.Equal(snapshot.Choices, copy.Choices);
    }

    [Fact]
    public void Manifests_CoverEveryGatewayMessageType()
    {
        var types = typeof(GatewaySerializer).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(IGatewayMessage).IsAssignableFrom(t));

        Assert.Equal(types.OrderBy(t => t.Name), GatewaySerializer.Manifests.Values.OrderBy(t => t.Name));
    }

    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
