using Akka.Actor;
using Akka.Persistence;
using ApiMlCluster.Core.Homing;

namespace ApiMlCluster.Gateway.Sticky;

/// <summary>
/// The single writer of one user's instance of one service (<c>apiml.lb.type=authentication</c>): the first
/// proposal wins and holds until it expires or a node reports the instance gone or marked down. Homed by the
/// reachable members (<see cref="HomedEntities"/>) and event-sourced, so the choice outlives the node that made it (in Zowe it lives in one gateway's memory or the
/// caching service: zowe/api-layer#3952). Each new choice goes to every node's <see cref="StickyReplica"/>; only the
/// latest event is kept in the journal.
/// </summary>
internal sealed class StickyEntity : ReceivePersistentActor
{
    public const string HostName = "gateway-sticky-entities";

    private readonly string key;
    private readonly IActorRef publisher;
    private readonly TimeProvider clock;
    private StickyInstanceChosen? current;

    public StickyEntity(string key, IActorRef publisher, TimeProvider clock)
    {
        this.key = key;
        this.publisher = publisher;
        this.clock = clock;
        PersistenceId = "sticky-" + key;
        JournalPluginId = OwnedJournal.PluginId;

        Recover<StickyInstanceChosen>(e => current = e);
        Command<ChooseStickyInstance>(OnChoose);
        Command<StopStickyEntity>(_ => Context.Stop(Self));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    private void OnChoose(ChooseStickyInstance choose)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (current is not null && now < current.ChosenAt + choose.TtlMs && !string.Equals(current.InstanceId, choose.Invalid, StringComparison.Ordinal))
        {
            Sender.Tell(Choice(current));
            return;
        }

        var requester = Sender;
        Persist(new StickyInstanceChosen(choose.Proposed, now), e =>
        {
            current = e;
            var choice = Choice(e);
            requester.Tell(choice);
            publisher.Tell(new PublishStickyChoice(choice));
            if (LastSequenceNr > 1)
            {
                DeleteMessages(LastSequenceNr - 1);
            }
        });
    }

    private StickyChoice Choice(StickyInstanceChosen chosen) => new(key, chosen.InstanceId, chosen.ChosenAt);

    public static Props Props(string key, IActorRef publisher, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new StickyEntity(key, publisher, clock));
}
