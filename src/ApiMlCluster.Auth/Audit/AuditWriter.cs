using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ApiMlCluster.Auth.Audit;

/// <summary>
/// This node's audit journal writer: one persistence id per node (<c>audit-&lt;host&gt;:&lt;cluster port&gt;</c>, so nodes
/// sharing a database never write the same id), each batch one <c>PersistAll</c> of events tagged
/// <see cref="AuditRecorded.AuditTag"/>. It keeps no state, so it replays nothing at start (<see cref="Recovery.None"/>
/// reads only the highest sequence number). A journal failure stops it; its backoff supervisor starts it again.
/// Records older than the retention go: a minute after start and then every hour the writer reads its own events
/// from the oldest and deletes through the last one recorded before the cutoff (records are journaled in time order,
/// so the read stops at the first one still kept).
/// </summary>
internal sealed class AuditWriter : ReceivePersistentActor, IWithTimers
{
    public static readonly TimeSpan FirstSweep = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);
    private static readonly string[] Tags = [AuditRecorded.AuditTag];
    private readonly ILoggingAdapter logger = Context.GetLogger();
    private IActorRef? replyTo;
    private bool rejected;
    private IActorRef? sweepRequester;
    private bool sweeping;
    private IMaterializer? materializer;

    public AuditWriter(string persistenceId, TimeSpan retention, TimeProvider clock, string readJournalId)
    {
        PersistenceId = persistenceId;
        Command<WriteAuditBatch>(batch =>
        {
            if (batch.Records.Count == 0)
            {
                Sender.Tell(new AuditBatchWritten(0, true));
                return;
            }

            replyTo = Sender;
            rejected = false;
            var remaining = batch.Records.Count;
            PersistAll(batch.Records.Select(r => new Tagged(new AuditRecorded(r), Tags)), _ =>
            {
                if (--remaining == 0)
                {
                    replyTo.Tell(new AuditBatchWritten(batch.Records.Count, true));
                    replyTo = null;
                }
            });
        });
        Command<SweepExpiredAudit>(_ =>
        {
            if (sweeping)
            {
                Sender.Tell(new AuditSwept(0));
                return;
            }

            sweeping = true;
            sweepRequester = Sender == Context.System.DeadLetters ? null : Sender;
            LastExpiredAsync(clock.GetUtcNow() - retention, readJournalId).PipeTo(
                Self, success: through => new ExpiredThrough(through), failure: e => new ExpiredThrough(-1, e));
        });
        Command<ExpiredThrough>(expired =>
        {
            if (expired.SequenceNr > 0)
            {
                DeleteMessages(expired.SequenceNr);
                return;
            }

            if (expired.Error is not null)
            {
                logger.Warning("Audit retention: could not read the records to delete: {0}", expired.Error.Message);
            }

            EndSweep(0);
        });
        Command<DeleteMessagesSuccess>(deleted => EndSweep(deleted.ToSequenceNr));
        Command<DeleteMessagesFailure>(failed =>
        {
            logger.Warning("Audit retention: deleting records through {0} failed: {1}", failed.ToSequenceNr, failed.Cause.Message);
            EndSweep(0);
        });
    }

    public override string PersistenceId { get; }

    public override Recovery Recovery => Recovery.None;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string persistenceId, TimeSpan retention, TimeProvider clock, string readJournalId = AuditLog.DefaultReadJournal) =>
        Akka.Actor.Props.Create(() => new AuditWriter(persistenceId, retention, clock, readJournalId));

    protected override void PreStart()
    {
        base.PreStart();
        // One for the writer's life, stopped with it (a child of this actor), not one per sweep.
        materializer = Context.Materializer();
        Timers.StartPeriodicTimer("retention", SweepExpiredAudit.Instance, FirstSweep, SweepInterval);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (!rejected)
        {
            rejected = true;
            replyTo?.Tell(new AuditBatchWritten(0, false));
            replyTo = null;
        }
    }

    private async Task<long> LastExpiredAsync(DateTimeOffset cutoff, string readJournalId)
    {
        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(readJournalId);
        return await journal.CurrentEventsByPersistenceId(PersistenceId, 0, long.MaxValue)
            .TakeWhile(e => e.Event is AuditRecorded recorded && recorded.Record.At < cutoff)
            .RunAggregate(0L, (_, e) => e.SequenceNr, materializer!);
    }

    private void EndSweep(long deletedThrough)
    {
        sweeping = false;
        sweepRequester?.Tell(new AuditSwept(deletedThrough));
        sweepRequester = null;
    }

    private sealed record ExpiredThrough(long SequenceNr, Exception? Error = null);
}
