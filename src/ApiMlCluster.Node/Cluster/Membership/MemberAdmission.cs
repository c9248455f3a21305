using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using ApiMlCluster.Core.Configuration;

namespace ApiMlCluster.Node.Cluster.Membership;

/// <summary>
/// Downs any member that zowe.yaml's haInstances do not name: an address (host and cluster port) that is not an
/// haInstance's, or an haInstance role that another instance's address claims. Remoting TLS already refuses keys
/// that are not node keys (<see cref="NodeKeys"/>); this keeps a process holding a node key but another
/// zowe.yaml (a test install on the same keystore, a mistyped haInstances block) out of the sharding and downing
/// decisions. Akka has no join filter, so the refusal is a Down right after the join is seen; every node does it,
/// and Down is idempotent.
/// </summary>
internal sealed class MemberAdmission : ReceiveActor
{
    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly IReadOnlyList<ClusterPeer> peers;

    public MemberAdmission(IReadOnlyList<ClusterPeer> peers)
    {
        this.peers = peers;
        Receive<ClusterEvent.IMemberEvent>(e => e.Member.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up, e =>
        {
            if (Refusal(e.Member) is { } reason)
            {
                log.Warning("Downing cluster member {0}: {1}", e.Member.Address, reason);
                cluster.Down(e.Member.Address);
            }
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    public static Props Props(IReadOnlyList<ClusterPeer> peers) => Akka.Actor.Props.Create(() => new MemberAdmission(peers));

    protected override void PreStart() =>
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => cluster.Unsubscribe(Self);

    /// <summary>Why <paramref name="member"/> may not be a member, or null when an haInstance describes it.</summary>
    public static string? Refusal(Member member, IReadOnlyList<ClusterPeer> peers)
    {
        var peer = peers.FirstOrDefault(p => p.IsAt(member.Address.Host, member.Address.Port));
        if (peer is null)
        {
            return "its address is not the hostname and cluster.port of any haInstance in zowe.yaml";
        }

        var claimed = member.Roles.FirstOrDefault(r => r.StartsWith(ClusterHocon.HaInstanceRolePrefix, StringComparison.Ordinal))?[ClusterHocon.HaInstanceRolePrefix.Length..];
        return peer.HaInstanceId is { } id && !string.Equals(claimed, id, StringComparison.OrdinalIgnoreCase)
            ? $"it runs as haInstance '{claimed}' at the address of haInstance '{id}'"
            : null;
    }

    private string? Refusal(Member member) => Refusal(member, peers);
}
