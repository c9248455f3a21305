using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ApiMlCluster.Node.Cluster.Membership;

/// <summary>
/// Follows cluster membership events, logs each change once (the operator's record of joins, failures and
/// removals) and publishes an immutable snapshot for the health endpoint, including members removed lately.
/// </summary>
internal sealed class MembershipMonitor : ReceiveActor
{
    private const int RemovedHistory = 20;

    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly MembershipView view;
    private readonly TimeProvider clock;
    private ImmutableDictionary<Address, Member> members = ImmutableDictionary<Address, Member>.Empty;
    private ImmutableHashSet<Address> unreachable = [];
    private ImmutableList<RemovedMember> removed = [];
    private Address? leader;

    public MembershipMonitor(MembershipView view, TimeProvider clock)
    {
        this.view = view;
        this.clock = clock;

        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            members = state.Members.ToImmutableDictionary(m => m.Address);
            unreachable = state.Unreachable.Select(m => m.Address).ToImmutableHashSet();
            leader = state.Leader;
            Publish();
        });
        Receive<ClusterEvent.MemberRemoved>(e =>
        {
            log.Info("Member removed: {0} ({1}), was {2}", e.Member.Address, HaInstanceOf(e.Member), e.PreviousStatus);
            members = members.Remove(e.Member.Address);
            unreachable = unreachable.Remove(e.Member.Address);
            removed = removed.Insert(0, new RemovedMember(e.Member.Address.ToString(), HaInstanceOf(e.Member), e.PreviousStatus.ToString(), clock.GetUtcNow()));
            if (removed.Count > RemovedHistory)
            {
                removed = removed.RemoveAt(RemovedHistory);
            }

            Publish();
        });
        Receive<ClusterEvent.IMemberEvent>(e =>
        {
            log.Info("Member {0}: {1} ({2})", e.Member.Status, e.Member.Address, HaInstanceOf(e.Member));
            // Member equality ignores status, so SetItem would keep the old status: replace explicitly.
            members = members.Remove(e.Member.Address).Add(e.Member.Address, e.Member);
            removed = removed.RemoveAll(r => r.Address == e.Member.Address.ToString());
            Publish();
        });
        Receive<ClusterEvent.UnreachableMember>(e =>
        {
            log.Warning("Member unreachable: {0} ({1})", e.Member.Address, HaInstanceOf(e.Member));
            unreachable = unreachable.Add(e.Member.Address);
            Publish();
        });
        Receive<ClusterEvent.ReachableMember>(e =>
        {
            log.Info("Member reachable again: {0} ({1})", e.Member.Address, HaInstanceOf(e.Member));
            unreachable = unreachable.Remove(e.Member.Address);
            Publish();
        });
        Receive<ClusterEvent.LeaderChanged>(e =>
        {
            leader = e.Leader;
            Publish();
        });
    }

    public static Props Props(MembershipView view, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new MembershipMonitor(view, clock));

    public static string? HaInstanceOf(Member member) =>
        member.Roles.FirstOrDefault(r => r.StartsWith(ClusterHocon.HaInstanceRolePrefix, StringComparison.Ordinal))?[ClusterHocon.HaInstanceRolePrefix.Length..];

    protected override void PreStart() =>
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

    protected override void PostStop() => cluster.Unsubscribe(Self);

    private void Publish()
    {
        var views = members.Values
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new MemberView(m.Address.ToString(), HaInstanceOf(m), m.Status.ToString(), !unreachable.Contains(m.Address), m.Roles.ToImmutableSortedSet()))
            .ToImmutableList();
        view.Publish(new MembershipSnapshot(leader?.ToString(), views, removed));
    }
}
