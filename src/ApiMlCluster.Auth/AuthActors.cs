using Akka.Actor;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Replication;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.Auth.Sessions;

namespace ApiMlCluster.Auth;

/// <summary>This node's stores of the authentication context's replicated logs: what the hot path and the endpoints read.</summary>
internal sealed record AuthStores(RevocationSnapshot Revocations, RuleSnapshot Rules, SessionStore Sessions)
{
    public AuthStores()
        : this(new RevocationSnapshot(), new RuleSnapshot(), new SessionStore())
    {
    }

    public bool IsReady => Revocations.IsReady && Rules.IsReady && Sessions.IsReady;
}

/// <summary>
/// The authentication context's actors on one node: a writer and a replica per replicated log. No write goes
/// through a sharded owner: each node appends to its own journal, so a crashed peer never holds a login or a logout up.
/// </summary>
internal sealed record AuthActors(IActorRef Revocations, IActorRef Rules, IActorRef Sessions)
{
    /// <param name="instance">This node's haInstance id: its writers' persistence ids.</param>
    /// <param name="instances">Every haInstance of zowe.yaml, this one included: the journals every replica reads.</param>
    public static AuthActors Start(ActorSystem system, AuthStores stores, ReplicationSettings settings, TimeProvider clock, string instance, IReadOnlyList<string> instances)
    {
        settings = settings with { Quorum = (instances.Count / 2) + 1 };
        return new(
            StartLog(system, RevocationLog.Instance, stores.Revocations, settings, clock, instance, instances),
            StartLog(system, RuleLog.Instance, stores.Rules, settings, clock, instance, instances),
            StartLog(system, SessionLog.Instance, stores.Sessions, settings, clock, instance, instances));
    }

    private static IActorRef StartLog<TEntry, TKey>(
        ActorSystem system, ReplicatedLog<TEntry, TKey> log, IReplicaStore<TEntry> store, ReplicationSettings settings, TimeProvider clock, string instance, IReadOnlyList<string> instances)
        where TEntry : notnull
        where TKey : notnull
    {
        system.ActorOf(LogReplica<TEntry, TKey>.Props(log, store, instances, settings, clock), log.ReplicaName);
        return system.ActorOf(WriterHost.Props(NodeLogWriter<TEntry, TKey>.Props(log, instance, settings, clock), settings), log.WriterName);
    }
}
