using Akka.Event;
using Akka.Persistence;

namespace ApiMlCluster.Core.Persistence;

/// <summary>
/// The snapshot-and-delete housekeeping every event-sourced actor of ours repeats: once a snapshot is stored, the
/// events it covers and the older snapshots go, so the journal holds at most one snapshot's worth of history per
/// entity; failures are logged and otherwise harmless (the journal keeps more than it needs).
/// </summary>
public abstract class HousekeptPersistentActor : ReceivePersistentActor
{
    private readonly ILoggingAdapter housekeepingLog = Context.GetLogger();

    /// <summary>
    /// Registers the handlers; call once from the constructor. After a snapshot at sequence number N, the events up to
    /// <paramref name="deleteThrough"/>(N) and the snapshots before it are deleted (null: nothing yet).
    /// <paramref name="afterSnapshot"/> learns the outcome: null when stored, else the error.
    /// </summary>
    protected void KeepJournalShort(Func<long, long?> deleteThrough, Action<string?>? afterSnapshot = null)
    {
        Command<SaveSnapshotSuccess>(success =>
        {
            if (deleteThrough(success.Metadata.SequenceNr) is > 0 and var through)
            {
                DeleteMessages(through);
                DeleteSnapshots(new SnapshotSelectionCriteria(through - 1));
            }

            afterSnapshot?.Invoke(null);
        });
        Command<SaveSnapshotFailure>(failure =>
        {
            housekeepingLog.Warning(failure.Cause, "Snapshot of {0} failed; the journal keeps every event", PersistenceId);
            afterSnapshot?.Invoke(failure.Cause.Message);
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => housekeepingLog.Warning(failure.Cause, "Deleting old events of {0} failed", PersistenceId));
        Command<DeleteSnapshotsFailure>(failure => housekeepingLog.Warning(failure.Cause, "Deleting old snapshots of {0} failed", PersistenceId));
    }
}
