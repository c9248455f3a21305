using Akka.Actor;
using Akka.Event;
using ApiMlCluster.Core.Homing;
using ApiMlCluster.Core.Persistence;

namespace ApiMlCluster.Caching.Storage;

/// <summary>
/// The single writer of the <c>X-CS-Service-ID</c> values one certificate's namespaces use (<see cref="EntityIdOf"/>:
/// one entity per certificate DN, homed like the buckets, journaled through the owned journal so a stale incarnation's
/// write is fenced). A value already held is admitted without a write; a new one is journaled while the certificate
/// holds fewer than the request's limit, else refused. Values are never released: a namespace keeps its entries
/// after they are deleted, and a quota that a delete could reset would bound nothing.
/// </summary>
internal sealed class CertificateServiceIds : HousekeptPersistentActor
{
    public const string EntityPrefix = "ids-";
    private const int SnapshotEvery = 100;

    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly HashSet<string> serviceIds = new(StringComparer.Ordinal);
    private (Guid RequestId, IActorRef Requester)? writing;
    private int eventsSinceSnapshot;

    public CertificateServiceIds(string entityId)
    {
        PersistenceId = "cache-" + entityId;
        JournalPluginId = OwnedJournal.PluginId;

        Recover<Akka.Persistence.SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ServiceIdsSnapshot snapshot)
            {
                serviceIds.UnionWith(snapshot.ServiceIds);
            }
        });
        Recover<ServiceIdAdmitted>(e =>
        {
            serviceIds.Add(e.ServiceId);
            eventsSinceSnapshot++;
        });
        Command<AdmitServiceId>(OnAdmit);
        Command<StopBucket>(_ => Context.Stop(Self));
        KeepJournalShort(snapshotAt => snapshotAt);
    }

    public override string PersistenceId { get; }

    /// <summary>The entity of a certificate's distinguished name; hashed as a namespace is, so any DN length fits.</summary>
    public static string EntityIdOf(string distinguishedName) => EntityPrefix + BucketAddress.NamespaceId(distinguishedName);

    public static Props Props(string entityId) => Akka.Actor.Props.Create(() => new CertificateServiceIds(entityId));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // As in CacheBucket: another incarnation wrote first; the retry reaches a fresh one that has read its write.
        if (writing is { } pending)
        {
            pending.Requester.Tell(new BucketRetry(pending.RequestId));
        }

        log.Info("A write to {0} was refused ({1}); the entity stops and recovers on its next message", PersistenceId, cause.Message);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private void OnAdmit(AdmitServiceId admit)
    {
        if (serviceIds.Contains(admit.ServiceId))
        {
            Sender.Tell(new BucketDone(admit.RequestId));
            return;
        }

        if (serviceIds.Count >= admit.Max)
        {
            Sender.Tell(new BucketRejected(admit.RequestId, RejectionReason.TooManyServiceIds));
            return;
        }

        writing = (admit.RequestId, Sender);
        Persist(new ServiceIdAdmitted(admit.ServiceId), e =>
        {
            var requester = writing!.Value.Requester;
            writing = null;
            serviceIds.Add(e.ServiceId);
            requester.Tell(new BucketDone(admit.RequestId));
            if (++eventsSinceSnapshot >= SnapshotEvery)
            {
                eventsSinceSnapshot = 0;
                SaveSnapshot(new ServiceIdsSnapshot([.. serviceIds]));
            }
        });
    }
}

/// <summary>
/// Admits <paramref name="ServiceId"/> for the certificate of <paramref name="EntityId"/> if it holds fewer than
/// <paramref name="Max"/> others; answered with <see cref="BucketDone"/> or <see cref="BucketRejected"/>
/// (<see cref="RejectionReason.TooManyServiceIds"/>).
/// </summary>
internal sealed record AdmitServiceId(string EntityId, Guid RequestId, string ServiceId, int Max) : IBucketWrite;

internal sealed record ServiceIdAdmitted(string ServiceId) : ICachingMessage;

internal sealed record ServiceIdsSnapshot(IReadOnlyList<string> ServiceIds) : ICachingMessage;
