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
        var members = new List<Member>();
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
            var system = ActorSystem.Create(SystemName, config);
            var snapshot = new RevocationSnapshot();
            var rules = new RuleSnapshot();
            var actors = AuthActors.Start(system, snapshot, settings ?? new RevocationSettings(), clock, role: null, rules);
            members.Add(new Member(system, actors, snapshot, rules));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!members.All(m => Akka.Cluster.Cluster.Get(m.System).State.Members.Count(x => x.Status == MemberStatus.Up) == size))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{size} test nodes did not form a cluster in 30 s");
            }

            await Task.Delay(100);
        }

        return new AuthTestCluster(members);
    }

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(Members.Select(m => m.System.Terminate().WaitAsync(TimeSpan.FromSeconds(20))));
}
