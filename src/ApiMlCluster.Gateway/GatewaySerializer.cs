using Akka.Actor;
using ApiMlCluster.Core.Serialization;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.Sticky;

namespace ApiMlCluster.Gateway;

/// <summary>The gateway context's wire and journal format. Manifests are stored in the journal: never reuse or rename one.</summary>
internal sealed class GatewaySerializer(ExtendedActorSystem system) : JsonManifestSerializer(system, Manifests)
{
    public const int Id = 9203;

    public const string Hocon = """
        akka.actor {
          serializers.apiml-gateway = "ApiMlCluster.Gateway.GatewaySerializer, ApiMlCluster.Gateway"
          serialization-bindings { "ApiMlCluster.Gateway.IGatewayMessage, ApiMlCluster.Gateway" = apiml-gateway }
        }
        """;

    internal static readonly Dictionary<string, Type> Manifests = new()
    {
        ["sticky-choose"] = typeof(ChooseStickyInstance),
        ["sticky-choice"] = typeof(StickyChoice),
        ["ev-sticky-recorded"] = typeof(StickyChoiceRecorded),
        ["snap-sticky"] = typeof(StickyBucketSnapshot),
        ["health-down"] = typeof(InstanceMarkedDown),
        ["health-cleared"] = typeof(InstanceCleared),
    };

    public override int Identifier => Id;
}
