using Akka.Actor;
using ApiMlCluster.Core.Serialization;

namespace ApiMlCluster.Core.Tests.Homing;

public sealed record Where(string Id);

/// <summary>Which node and which incarnation of the entity answered.</summary>
public sealed record Here(string Id, string Node, Guid Incarnation);

public sealed record StopEcho
{
    public static readonly StopEcho Instance = new();
}

/// <summary>An entity that says where it runs; a new incarnation has a new id.</summary>
internal sealed class EchoEntity : ReceiveActor
{
    public EchoEntity(string id)
    {
        var incarnation = Guid.NewGuid();
        var node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<Where>(_ => Sender.Tell(new Here(id, node, incarnation)));
        Receive<StopEcho>(_ => Context.Stop(Self));
    }
}

internal sealed class EchoSerializer(ExtendedActorSystem system) : JsonManifestSerializer(system, Manifests)
{
    public const string Hocon = """
        akka.actor {
          serializers.echo = "ApiMlCluster.Core.Tests.Homing.EchoSerializer, ApiMlCluster.Core.Tests"
          serialization-bindings {
            "ApiMlCluster.Core.Tests.Homing.Where, ApiMlCluster.Core.Tests" = echo
            "ApiMlCluster.Core.Tests.Homing.Here, ApiMlCluster.Core.Tests" = echo
          }
        }
        """;

    private static readonly Dictionary<string, Type> Manifests = new()
    {
        ["where"] = typeof(Where),
        ["here"] = typeof(Here),
    };

    public override int Identifier => 9901;
}
