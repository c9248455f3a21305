using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ApiMlCluster.Core.Homing;

/// <summary>
/// One node's part of <see cref="HomedEntities"/>. A message from this node goes to the entity's owner in this node's
/// view of the cluster; a message from another node's host (its sender is remote) is delivered here without asking
/// again, so two views that briefly disagree cost at most one extra hop and never a loop. Should two incarnations of
/// an entity run at once while views settle, the journal fences their writes (<see cref="OwnedJournal"/>).
/// </summary>
internal sealed class EntityHost : ReceiveActor, IWithTimers
{
    private readonly HomedEntitySettings settings;
    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<UniqueAddress, Member> members = [];
    private readonly HashSet<UniqueAddress> unreachable = [];
    private readonly Dictionary<string, IActorRef> live = [];
    private readonly Dictionary<IActorRef, string> idOf = [];
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> stopping = [];
    private readonly List<(object Message, IActorRef Sender)> unrouted = [];
    private readonly HashSet<string> used = [];
    private IReadOnlyList<Address> owners = [];

    public EntityHost(HomedEntitySettings settings)
    {
        this.settings = settings;
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            members.Clear();
            unreachable.Clear();
            foreach (var member in state.Members)
            {
                members[member.UniqueAddress] = member;
            }

            unreachable.UnionWith(state.Unreachable.Select(m => m.UniqueAddress));
            Rehome();
        });
        Receive<ClusterEvent.IMemberEvent>(e =>
        {
            if (e is ClusterEvent.MemberRemoved)
            {
                members.Remove(e.Member.UniqueAddress);
                unreachable.Remove(e.Member.UniqueAddress);
            }
            else
            {
                members[e.Member.UniqueAddress] = e.Member;
            }

            Rehome();
        });
        Receive<ClusterEvent.UnreachableMember>(e =>
        {
            unreachable.Add(e.Member.UniqueAddress);
            Rehome();
        });
        Receive<ClusterEvent.ReachableMember>(e =>
        {
            unreachable.Remove(e.Member.UniqueAddress);
            Rehome();
        });
        Receive<Terminated>(OnTerminated);
        Receive<IdleCheck>(_ => StopIdle());
        ReceiveAny(message => Route(message, Sender));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer(nameof(IdleCheck), IdleCheck.Instance, settings.IdleCheckInterval);
    }

    protected override void PostStop() => cluster.Unsubscribe(Self);

    private void Route(object message, IActorRef? sender)
    {
        sender ??= ActorRefs.Nobody;
        if (settings.EntityIdOf(message) is not { } id)
        {
            Unhandled(message);
            return;
        }

        var fromAnotherHost = !sender.IsNobody() && !sender.Path.Address.HasLocalScope;
        var owner = fromAnotherHost ? cluster.SelfAddress : RendezvousHash.Owner(id, owners);
        if (owner is null)
        {
            if (unrouted.Count < settings.MaxUnrouted)
            {
                unrouted.Add((message, sender));
            }

            return;
        }

        if (owner == cluster.SelfAddress)
        {
            Deliver(id, message, sender);
        }
        else
        {
            Context.ActorSelection(new RootActorPath(owner) / Self.Path.Elements).Tell(message, sender);
        }
    }

    private void Deliver(string id, object message, IActorRef sender)
    {
        if (stopping.TryGetValue(id, out var held))
        {
            held.Add((message, sender));
            return;
        }

        if (!live.TryGetValue(id, out var entity))
        {
            entity = Context.ActorOf(settings.EntityProps(id), Uri.EscapeDataString(id));
            Context.Watch(entity);
            live[id] = entity;
            idOf[entity] = id;
        }

        used.Add(id);
        entity.Tell(message, sender);
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!idOf.Remove(terminated.ActorRef, out var id))
        {
            return;
        }

        if (live.TryGetValue(id, out var current) && current.Equals(terminated.ActorRef))
        {
            // It stopped by itself: a refused write (another incarnation wrote first) or a failed recovery.
            live.Remove(id);
        }

        if (stopping.Remove(id, out var held))
        {
            foreach (var (message, sender) in held)
            {
                Route(message, sender);
            }
        }
    }

    /// <summary>Recomputes the owners and hands over the entities that now belong elsewhere.</summary>
    private void Rehome()
    {
        var eligible = members.Values
            .Where(m => m.Status == MemberStatus.Up && !unreachable.Contains(m.UniqueAddress) && (settings.Role is null || m.HasRole(settings.Role)))
            .Select(m => m.Address)
            .OrderBy(a => a.ToString(), StringComparer.Ordinal)
            .ToList();
        if (eligible.Count == 0 && members.Values.Any(m => m.UniqueAddress == cluster.SelfUniqueAddress && m.Status == MemberStatus.Up))
        {
            // Every member is unreachable from someone (a flapping link): rather than home nothing, keep serving
            // here; the journal fences a second incarnation elsewhere.
            eligible.Add(cluster.SelfAddress);
        }

        if (eligible.SequenceEqual(owners))
        {
            return;
        }

        owners = eligible;
        foreach (var (id, entity) in live.ToList())
        {
            if (RendezvousHash.Owner(id, owners) != cluster.SelfAddress)
            {
                Stop(id, entity);
            }
        }

        if (owners.Count > 0 && unrouted.Count > 0)
        {
            var held = unrouted.ToList();
            unrouted.Clear();
            foreach (var (message, sender) in held)
            {
                Route(message, sender);
            }
        }

        log.Debug("{0} homes entities on {1}", Self.Path.Name, string.Join(", ", owners));
    }

    private void StopIdle()
    {
        foreach (var (id, entity) in live.ToList())
        {
            if (!used.Contains(id))
            {
                Stop(id, entity);
            }
        }

        used.Clear();
    }

    private void Stop(string id, IActorRef entity)
    {
        live.Remove(id);
        stopping[id] = [];
        entity.Tell(settings.StopMessage);
    }

    private sealed class IdleCheck
    {
        public static readonly IdleCheck Instance = new();
    }
}
