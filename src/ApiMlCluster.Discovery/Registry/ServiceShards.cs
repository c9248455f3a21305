using Akka.Cluster.Sharding;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>One entity per service id (upper case, as Eureka names applications), over 100 shards.</summary>
internal sealed class ServiceShards() : HashCodeMessageExtractor(100)
{
    public const string TypeName = "discovery-service";

    public override string? EntityId(object message) => message is IServiceCommand command ? command.App : null;
}
