using Akka.Actor;

namespace ApiMlCluster.Core.Homing;

/// <summary>
/// Single-owner entities homed by the reachable members instead of by sharding: every node runs one host actor
/// (<c>/user/{name}</c>), and an entity lives at the Up, reachable member that <see cref="RendezvousHash"/> picks.
/// After a crash the survivors re-home the dead member's entities the moment gossip marks it unreachable (about 3 s
/// with the default failover profile), where sharding waits until it is downed and removed (about 7.5 s), and there
/// is no coordinator whose state writes stall while a member is unreachable.
/// </summary>
public static class HomedEntities
{
    /// <summary>Starts this node's host; send it the entity messages (any message <see cref="HomedEntitySettings.EntityIdOf"/> names an entity for).</summary>
    public static IActorRef Start(ActorSystem system, string name, HomedEntitySettings settings) =>
        system.ActorOf(Props.Create(() => new EntityHost(settings)), name);
}

/// <param name="EntityProps">The entity actor for an id; it must be persistent on <see cref="OwnedJournal"/> so a second incarnation is fenced.</param>
/// <param name="EntityIdOf">The entity a message is for; null: not an entity message.</param>
/// <param name="StopMessage">Sent to an entity that moves away or idles; it must stop itself after the writes it has begun.</param>
/// <param name="Role">Only members with this role home entities; null: every member.</param>
/// <param name="IdleCheckInterval">An entity not used for one to two of these intervals is stopped (recovered on its next message).</param>
public sealed record HomedEntitySettings(
    Func<string, Props> EntityProps,
    Func<object, string?> EntityIdOf,
    object StopMessage,
    string? Role,
    TimeSpan IdleCheckInterval)
{
    /// <summary>Messages held while no member can home an entity (before this node is Up); beyond it they are dropped and the sender's retry decides.</summary>
    public int MaxUnrouted { get; init; } = 10_000;
}
