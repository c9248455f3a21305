using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace ApiMlCluster.Auth.Audit;

/// <summary>
/// This node's audit journal writer: one persistence id per node (<c>audit-&lt;host&gt;:&lt;cluster port&gt;</c>, so nodes
/// sharing a database never write the same id), each batch one <c>PersistAll</c> of events tagged
/// <see cref="AuditRecorded.AuditTag"/>. It keeps no state, so it replays nothing at start (<see cref="Recovery.None"/>
/// reads only the highest sequence number). A journal failure stops it; its backoff supervisor starts it again.
/// </summary>
internal sealed class AuditWriter : ReceivePersistentActor
{
    private static readonly string[] Tags = [AuditRecorded.AuditTag];
    private IActorRef? replyTo;
    private bool rejected;

    public AuditWriter(string persistenceId)
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
    }

    public override string PersistenceId { get; }

    public override Recovery Recovery => Recovery.None;

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new AuditWriter(persistenceId));

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
}
