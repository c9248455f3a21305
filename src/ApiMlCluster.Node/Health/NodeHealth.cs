using ApiMlCluster.Auth;
using Akka.Actor;
using Akka.Cluster;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.Discovery.ReadModel;
using ApiMlCluster.Node.Cluster.Membership;
using ApiMlCluster.Node.Persistence;

namespace ApiMlCluster.Node.Health;

/// <summary>
/// Assembles <c>/application/health</c>: the node is UP once it is an Up member of its cluster that reaches a majority
/// of the zowe.yaml instances and reaches its durable store; the cluster component lists every member with its ha-instance, status and reachability.
/// Reads only local snapshots, so health answers even while the cluster is busy or partitioned.
/// </summary>
internal sealed class NodeHealth(NodeConfig config, ActorSystem system, MembershipView membership, PersistenceProbe persistence, AuthStores auth, RegistrySnapshot registry)
{
    public async Task<HealthReport> ReportAsync(CancellationToken cancellationToken)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var selfStatus = cluster.SelfMember.Status;
        var snapshot = membership.Current;
        // A node that reaches no majority of the zowe.yaml instances is cut off, or a cluster of its own beside the real
        // one: it refuses writes, and must not draw traffic, since its revocations may be stale.
        var majority = membership.ReachesMajority;
        var clusterUp = selfStatus == MemberStatus.Up && !cluster.IsTerminated && majority;
        var store = await persistence.CheckAsync(cancellationToken);

        var components = new Dictionary<string, HealthComponent>
        {
            ["cluster"] = new(clusterUp ? HealthStatus.Up : HealthStatus.Down, new
            {
                name = config.Cluster.Name,
                haInstance = config.HaInstanceId,
                selfAddress = cluster.SelfAddress.ToString(),
                selfStatus = selfStatus.ToString(),
                reachesMajority = majority,
                leader = snapshot.Leader,
                members = snapshot.Members.Select(m => new { address = m.Address, haInstance = m.HaInstance, status = m.Status, reachable = m.Reachable }),
                recentlyRemoved = snapshot.RecentlyRemoved.Select(r => new { address = r.Address, haInstance = r.HaInstance, previousStatus = r.PreviousStatus, removedAt = r.RemovedAt }),
            }),
            ["persistence"] = new(store.Up ? HealthStatus.Up : HealthStatus.Down, new
            {
                provider = persistence.Provider.ToString().ToLowerInvariant(),
                error = store.Error,
            }),
        };

        // Until every node's revocations, PAT rules and sessions are read no token can be judged, so the node is not ready for traffic.
        var authReady = auth.IsReady;
        components["auth"] = new(authReady ? HealthStatus.Up : HealthStatus.Down, new
        {
            provider = config.Auth.Provider,
            revokedTokens = auth.Revocations.Count,
            patRules = auth.Rules.Count,
            sessions = auth.Sessions.Count,
        });

        // What a client's write meets right now. Logins, logouts and PAT revocations need only this node, its store and a
        // majority; cache entries move to a reachable member as soon as gossip marks their owner unreachable; sticky
        // choices and registrations homed on an unreachable member (sharding) wait until it is removed, and the
        // component says so rather than hide it behind UP.
        var unreachable = snapshot.Members.Where(m => !m.Reachable).Select(m => m.HaInstance ?? m.Address).ToList();
        var writable = clusterUp && store.Up;
        components["writes"] = new(writable ? HealthStatus.Up : HealthStatus.Down, new
        {
            ownerless = writable ? "accepted" : !majority ? "refused: this node reaches no majority of the cluster" : !store.Up ? "refused: the durable store is not reachable" : "refused: this node is not an Up member",
            cacheEntries = writable ? "accepted" : "refused",
            singleOwner = !writable ? "refused" : unreachable.Count == 0 ? "accepted" : $"registrations and sticky choices homed on {string.Join(", ", unreachable)} are delayed until the unreachable member is removed",
            unreachableMembers = unreachable,
        });

        foreach (var component in new[] { config.Gateway, config.CachingService }.Where(c => c.Enabled))
        {
            components[component.Name] = new(clusterUp ? HealthStatus.Up : HealthStatus.Down, new { port = component.Port });
        }

        // Every node keeps the registry (the gateway routes from it), so it is part of readiness even without the discovery port.
        var view = registry.Current;
        components["discovery"] = new(clusterUp && registry.IsReady ? HealthStatus.Up : HealthStatus.Down, new
        {
            port = config.Discovery.Enabled ? config.Discovery.Port : (int?)null,
            services = view.RegisteredCount,
            instances = view.InstanceCount,
        });

        var overall = clusterUp && store.Up && authReady && registry.IsReady ? HealthStatus.Up : HealthStatus.Down;
        return new HealthReport(overall, components);
    }
}
