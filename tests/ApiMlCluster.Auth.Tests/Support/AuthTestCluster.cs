using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using ApiMlCluster.Auth.AccessTokens.Rules;
using ApiMlCluster.Auth.Revocation;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Support;

/// <summary>
/// Several ActorSystems in this process forming one cluster over loopback, each running the authentication actors
/// with an in-memory journal. Every message is serialized even between local actors, so a message the
/// serializer does not know fails here and not in production.
/// </summary>
internal sealed class AuthTestCluster : IAsyncDisposable
{
    private const string SystemName = "auth-test";

    private AuthTestCluster(IReadOnlyList<Member> members) => Members = members;

    public IReadOnlyList<Member> Members { get; }

    public sealed record Member(ActorSystem System, AuthActors Actors, RevocationSnapshot Snapshot, RuleSnapshot Rules);

    /// <param name="hocon">Overrides applied over the test defaults, for example another journal plugin.</param>
    public static async Task<AuthTestCluster> StartAsync(int size, TimeProvider clock, RevocationSettings? settings = null, string hocon = "")
    {
        var ports = FreePorts.Take(size);
        var seed = $"akka.tcp://{SystemName}@127.0.0.1:{ports[0]}";
        var systems = new List<ActorSystem>();
        foreach (var port in ports)
        {
            var config = ConfigurationFactory.ParseString(hocon).WithFallback(ConfigurationFactory.ParseString(string.Join("\n",
                "akka.loglevel = WARNING",
                "akka.actor.provider = cluster",
                "akka.actor.serialize-messages = on",
                "akka.actor.serialization-settings.strict = on",
                $"akka.remote.dot-netty.tcp.hostname = 127.0.0.1",
                $"akka.remote.dot-netty.tcp.port = {port}",
                $"akka.cluster.seed-nodes = [\"{seed}\"]",
                "akka.cluster.sharding.remember-entities = off",
                "akka.persistence.journal.plugin = akka.persistence.journal.inmem",
                "akka.persistence.snapshot-store.plugin = akka.persistence.snapshot-store.local",
                $"akka.persistence.snapshot-store.local.dir = \"{Path.Combine(Path.GetTempPath(), "apiml-auth-snapshots-" + Guid.NewGuid().ToString("N"))}\"",
                AuthSerializer.Hocon)));
            systems.Add(ActorSystem.Create(SystemName, config));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!systems.All(s => Akka.Cluster.Cluster.Get(s).State.Members.Count(x => x.Status == MemberStatus.Up) == size))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{size} test nodes did not form a cluster in 30 s");
            }

            await Task.Delay(100);
        }

        // The actors start once every member is Up: in one process the three systems join within milliseconds of each
        // other, and coordinator singletons started before that sometimes waited out a hand-over that never came
        // (ClusterSingletonManagerIsStuckException, then a minute of buffered messages).
        var members = new List<Member>();
        foreach (var system in systems)
        {
            var snapshot = new RevocationSnapshot();
            var rules = new RuleSnapshot();
            var actors = AuthActors.Start(system, snapshot, settings ?? new RevocationSettings(), clock, role: null, rules);
            members.Add(new Member(system, actors, snapshot, rules));
        }

        return new AuthTestCluster(members);
    }

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(Members.Select(m => m.System.Terminate().WaitAsync(TimeSpan.FromSeconds(20))));
}
