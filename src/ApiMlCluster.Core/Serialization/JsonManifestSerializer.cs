using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace ApiMlCluster.Core.Serialization;

/// <summary>
/// The base of each bounded context's cluster serializer: System.Text.Json payloads with a short, stable
/// manifest per message type and no type names on the wire, so renaming a class does not break a rolling
/// restart and no payload can ask for an arbitrary type to be created.
/// </summary>
public abstract class JsonManifestSerializer : SerializerWithStringManifest
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);
    private readonly IReadOnlyDictionary<string, Type> typesByManifest;
    private readonly IReadOnlyDictionary<Type, string> manifestsByType;

    protected JsonManifestSerializer(ExtendedActorSystem system, IReadOnlyDictionary<string, Type> manifests)
        : base(system)
    {
        typesByManifest = manifests;
        manifestsByType = manifests.ToDictionary(e => e.Value, e => e.Key);
    }

    public override string Manifest(object o) =>
        manifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{GetType().Name} has no manifest for {o.GetType()}", nameof(o));

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!typesByManifest.TryGetValue(manifest, out var type))
        {
            // Remoting treats SerializationException as transient: an unknown manifest from a newer node is dropped, not fatal.
            throw new SerializationException($"{GetType().Name} does not know manifest '{manifest}'");
        }

        return JsonSerializer.Deserialize(bytes, type, Options)
            ?? throw new SerializationException($"{GetType().Name} read null for manifest '{manifest}'");
    }
}
