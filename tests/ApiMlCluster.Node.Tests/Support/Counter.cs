using Akka.Actor;
using Akka.Cluster;
using Akka.Persistence;
using ApiMlCluster.Core.Serialization;

namespace ApiMlCluster.Node.Tests.Support;

/// <summary>A persistent counter: the smallest entity whose state must survive restarts and node loss.</summary>
public sealed class Counter : ReceivePersistentActor
{
    private long value;

    public Counter(string id)
    {
        PersistenceId = "counter-" + id;
        Recover<Incremented>(e => value += e.By);
        Command<Increment>(c => Persist(new Incremented(c.By), e =>
        {
            value += e.By;
            Sender.Tell(new CounterValue(value, HostOf(Context.System)));
        }));
        Command<GetValue>(_ => Sender.Tell(new CounterValue(value, HostOf(Context.System))));
    }

    public override string PersistenceId { get; }

    private static string HostOf(ActorSystem system) =>
        system.Settings.ProviderClass.Contains("Cluster", StringComparison.Ordinal) ? Akka.Cluster.Cluster.Get(system).SelfAddress.ToString() : "local";
}

/// <summary>Marker for the test messages and events, bound to <see cref="CounterSerializer"/>.</summary>
public interface ICounterMessage;

public sealed record Increment(long By) : ICounterMessage;

public sealed record GetValue : ICounterMessage;

public sealed record Incremented(long By) : ICounterMessage;

public sealed record CounterValue(long Value, string Host) : ICounterMessage;

public sealed class CounterSerializer(ExtendedActorSystem system) : JsonManifestSerializer(system, new Dictionary<string, Type>
{
    ["inc"] = typeof(Increment),
    ["get"] = typeof(GetValue),
    ["ev-inc"] = typeof(Incremented),
    ["val"] = typeof(CounterValue),
})
{
    public const string Hocon = """
        akka.actor {
          serializers.counter = "ApiMlCluster.Node.Tests.Support.CounterSerializer, ApiMlCluster.Node.Tests"
          serialization-bindings { "ApiMlCluster.Node.Tests.Support.ICounterMessage, ApiMlCluster.Node.Tests" = counter }
        }
        """;

    public override int Identifier => 9101;
}
