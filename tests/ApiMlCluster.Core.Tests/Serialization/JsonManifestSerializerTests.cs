using System.Runtime.Serialization;
using Akka.Actor;
using ApiMlCluster.Core.Serialization;

namespace ApiMlCluster.Core.Tests.Serialization;

public sealed class JsonManifestSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly SampleSerializer serializer;

    public JsonManifestSerializerTests() => serializer = new SampleSerializer((ExtendedActorSystem)Sys);

    [Fact]
    public void ToBinaryAndBack_RestoresAnEqualMessage()
    {
        var message = new Registered("svc-a", ["https://a:1", "https://a:2"], DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

        var manifest = serializer.Manifest(message);
        var restored = serializer.FromBinary(serializer.ToBinary(message), manifest);

        Assert.Equal("reg", manifest);
        var typed = Assert.IsType<Registered>(restored);
        Assert.Equal((message.ServiceId, message.At), (typed.ServiceId, typed.At));
        Assert.Equal(message.Urls, typed.Urls);
    }

    [Fact]
    public void FromBinary_UnknownManifest_ThrowsSerializationException()
    {
        Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "System.Diagnostics.Process"));
    }

    [Fact]
    public void Manifest_UnregisteredType_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => serializer.Manifest("a string"));
    }

    [Fact]
    public void WireFormat_CarriesNoTypeNames()
    {
        var bytes = serializer.ToBinary(new Registered("svc", [], DateTimeOffset.UnixEpoch));

        Assert.DoesNotContain("ApiMlCluster", System.Text.Encoding.UTF8.GetString(bytes));
    }

    private sealed record Registered(string ServiceId, IReadOnlyList<string> Urls, DateTimeOffset At);

    private sealed class SampleSerializer(ExtendedActorSystem system)
        : JsonManifestSerializer(system, new Dictionary<string, Type> { ["reg"] = typeof(Registered) })
    {
        public override int Identifier => 9001;
    }
}
