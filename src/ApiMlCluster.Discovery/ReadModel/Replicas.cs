using Akka.Actor;
using Akka.Cluster;

namespace ApiMlCluster.Discovery.ReadModel;

/// <summary>Addresses the <see cref="RegistryReplica"/> of every member that serves requests.</summary>
internal static class Replicas
{
    public static ActorPath PathOn(Address node) => new RootActorPath(node) / "user" / RegistryReplica.Name;

    public static void TellAll(ActorSystem system, object message, IActorRef? sender = null)
    {
        foreach (var member in Akka.Cluster.Cluster.Get(system).State.Members)
        {
            if (IsServing(member))
            {
                system.ActorSelection(PathOn(member.Address)).Tell(message, sender ?? ActorRefs.NoSender);
            }
        }
    }

    public static bool IsServing(Member member) =>
        member.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving;
}
