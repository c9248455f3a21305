using System.Collections.Immutable;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace ApiMlCluster.Auth.Tests.Support;

/// <summary>An in-memory journal whose writes fail while <see cref="Failing"/> is set: a store outage, as the actors see it.</summary>
public sealed class FailingJournal : MemoryJournal
{
    // Akka's journal-internal failure messages are not serializable, and serialize-messages would drop them.
    public const string Hocon = """
        akka.actor.serialize-messages = off
        akka.persistence.journal.plugin = "akka.persistence.journal.failing"
        akka.persistence.journal.failing {
          class = "ApiMlCluster.Auth.Tests.Support.FailingJournal, ApiMlCluster.Auth.Tests"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    public static volatile bool Failing;

    protected override Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken) =>
        Failing ? Task.FromException<IImmutableList<Exception?>>(new IOException("the journal is unreachable")) : base.WriteMessagesAsync(messages, cancellationToken);
}
