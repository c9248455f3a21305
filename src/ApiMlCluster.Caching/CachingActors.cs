using Akka.Actor;
using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Core.Homing;

namespace ApiMlCluster.Caching;

/// <summary>The caching context's actors on one node: the host of the bucket entities (and the certificates' service-id entities) this node owns.</summary>
internal sealed record CachingActors(ActorSystem System, IActorRef Buckets)
{
    public const string HostName = "cache-buckets";

    public static CachingActors Start(ActorSystem system, BucketLimits limits, TimeProvider clock, string? role)
    {
        // An idle bucket stops after one to two minutes and is recovered from its snapshot on the next request.
        var settings = new HomedEntitySettings(
            id => id.StartsWith(CertificateServiceIds.EntityPrefix, StringComparison.Ordinal) ? CertificateServiceIds.Props(id) : CacheBucket.Props(id, limits, clock),
            message => message is IBucketCommand command ? command.EntityId : null,
            StopBucket.Instance,
            role,
            TimeSpan.FromSeconds(60));
        return new CachingActors(system, HomedEntities.Start(system, HostName, settings));
    }
}
