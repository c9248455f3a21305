using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ApiMlCluster.Auth.Revocation;

namespace ApiMlCluster.Auth.AccessTokens.Rules;

/// <summary>
/// The durable truth for one bucket of PAT revocation rules (a sharded, event-sourced entity). A rule is journaled
/// first, then pushed to every node's <see cref="RuleReplica"/>; the requester is answered when the reachable nodes
/// have applied it. Of two rules for one subject the later timestamp is kept. A write the store refuses is answered
/// with <see cref="RuleStoreFailed"/>, so no caller is told a rule exists that is not durable.
/// </summary>
internal sealed class RuleBucket : ReceivePersistentActor
{
    private readonly Dictionary<(RuleKind Kind, string Subject), long> rules = [];
    private readonly RevocationSettings settings;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly int bucket;
    private readonly List<(IActorRef Requester, int Removed, long Snapshot)> evictions = [];
    private IActorRef? writer;
    private long eventsSinceSnapshot;
    private long snapshotsRequested;
    private long snapshotsDone;

    public RuleBucket(string entityId, RevocationSettings settings)
    {
        bucket = int.Parse(entityId, System.Globalization.CultureInfo.InvariantCulture);
        PersistenceId = $"pat-rules-{bucket:D2}";
        this.settings = settings;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is RuleBucketSnapshot snapshot)
            {
                foreach (var rule in snapshot.Rules)
                {
                    Apply(rule);
                }
            }
        });
        Recover<RuleStored>(stored => Apply(stored.Rule));

        Command<AddRule>(OnAdd);
        Command<ReadRules>(_ => SendPages(Sender));
        Command<EvictRules>(OnEvict);
        Command<SaveSnapshotSuccess>(success =>
        {
            snapshotsDone++;
            AnswerEvictions(failure: null);
            DeleteMessages(success.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failure =>
        {
            snapshotsDone++;
            log.Warning(failure.Cause, "Snapshot of {0} failed", PersistenceId);
            AnswerEvictions(failure.Cause.Message);
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => log.Warning(failure.Cause, "Deleting old events of {0} failed", PersistenceId));
        Command<DeleteSnapshotsFailure>(failure => log.Warning(failure.Cause, "Deleting old snapshots of {0} failed", PersistenceId));
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId, RevocationSettings settings) =>
        Akka.Actor.Props.Create(() => new RuleBucket(entityId, settings));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The actor stops after this (Akka's rule for a failed write); sharding restarts it on the next message.
        writer?.Tell(new RuleStoreFailed(cause.Message));
        writer = null;
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        writer?.Tell(new RuleStoreFailed(cause.Message));
        writer = null;
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void OnAdd(AddRule add)
    {
        var rule = add.Rule;
        if (rules.TryGetValue((rule.Kind, rule.Subject), out var existing) && existing >= rule.Timestamp)
        {
            // Already in effect everywhere with this or a later timestamp: the later one is kept.
            Sender.Tell(new RuleRecorded(rule with { Timestamp = existing }, []));
            return;
        }

        writer = Sender;
        Persist(new RuleStored(rule), stored =>
        {
            var requester = writer!;
            writer = null;
            Apply(stored.Rule);
            Context.ActorOf(RuleBroadcast.Props(stored.Rule, requester, settings));
            if (++eventsSinceSnapshot >= settings.SnapshotEvery)
            {
                TakeSnapshot();
            }
        });
    }

    private void OnEvict(EvictRules evict)
    {
        var old = rules.Where(r => r.Value < evict.Cutoff).Select(r => r.Key).ToList();
        if (old.Count == 0)
        {
            Sender.Tell(new RulesEvicted(bucket, 0));
            return;
        }

        foreach (var key in old)
        {
            rules.Remove(key);
        }

        // Only a snapshot makes an eviction durable: replaying the journal would bring the rules back.
        TakeSnapshot();
        evictions.Add((Sender, old.Count, snapshotsRequested));
    }

    private void AnswerEvictions(string? failure)
    {
        for (var i = evictions.Count - 1; i >= 0; i--)
        {
            var (requester, removed, snapshot) = evictions[i];
            if (snapshot <= snapshotsDone)
            {
                requester.Tell(failure is null ? new RulesEvicted(bucket, removed) : new RuleStoreFailed(failure));
                evictions.RemoveAt(i);
            }
        }
    }

    private void Apply(RuleEntry rule)
    {
        var key = (rule.Kind, rule.Subject);
        if (!rules.TryGetValue(key, out var existing) || existing < rule.Timestamp)
        {
            rules[key] = rule.Timestamp;
        }
    }

    private void SendPages(IActorRef reader)
    {
        var all = rules.Select(r => new RuleEntry(r.Key.Kind, r.Key.Subject, r.Value)).ToList();
        var pages = all.Chunk(RuleSettings.PageSize).ToList();
        if (pages.Count == 0)
        {
            reader.Tell(new RulePage(bucket, [], Last: true));
            return;
        }

        for (var i = 0; i < pages.Count; i++)
        {
            reader.Tell(new RulePage(bucket, pages[i], Last: i == pages.Count - 1));
        }
    }

    private void TakeSnapshot()
    {
        eventsSinceSnapshot = 0;
        snapshotsRequested++;
        SaveSnapshot(new RuleBucketSnapshot(rules.Select(r => new RuleEntry(r.Key.Kind, r.Key.Subject, r.Value)).ToList()));
    }
}
