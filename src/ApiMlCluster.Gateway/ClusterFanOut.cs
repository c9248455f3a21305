using Akka.Actor;
using Akka.Cluster;

namespace ApiMlCluster.Gateway;

/// <summary>Fire-and-forget delivery of one message to a per-node actor on every serving member.</summary>
internal static class ClusterFanOut
{
    public static void Tell(ActorSystem system, string actorName, object message, bool includeSelf)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        foreach (var member in cluster.State.Members)
        {
            if (member.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving)
                || (!includeSelf && member.Address == cluster.SelfAddress))
            {
                continue;
            }

            system.ActorSelection(new RootActorPath(member.Address) / "user" / actorName).Tell(message, ActorRefs.NoSender);
        }
    }
}
