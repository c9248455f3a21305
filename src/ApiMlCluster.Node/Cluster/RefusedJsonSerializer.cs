using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ApiMlCluster.Node.Cluster;

/// <summary>
/// Takes the place of Akka's Newtonsoft <c>json</c> serializer (identifier 1): every type this node sends or stores
/// has an explicit serializer, and a payload tagged with identifier 1 is refused instead of deserialized, so no
/// peer can make this node instantiate a type it names.
/// </summary>
internal sealed class RefusedJsonSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>Akka passes the stock serializer's <c>serialization-settings.json</c> section; there is nothing to set.</summary>
    public RefusedJsonSerializer(ExtendedActorSystem system, Config settings)
        : this(system)
    {
        _ = settings;
    }

    public override int Identifier => 1;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new SerializationException($"{obj.GetType()} has no explicit serializer; the default JSON serializer is disabled");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException("payloads of the default JSON serializer (id 1) are refused");
}
