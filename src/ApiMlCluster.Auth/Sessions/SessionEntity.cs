using Akka.Actor;
using Akka.Persistence;

namespace ApiMlCluster.Auth.Sessions;

/// <summary>
/// One login: who, since when, until when, and the credentials derived for it (a z/OSMF token today,
/// PassTickets later). Sharded by token id and event-sourced, so any node can end or read the session
/// after the node that created it is gone.
/// </summary>
internal sealed class SessionEntity : ReceivePersistentActor
{
    private readonly Guid sessionId;
    private readonly TimeProvider clock;
    private SessionOpened? opened;
    private long? endedAt;

    public SessionEntity(string entityId, TimeProvider clock)
    {
        sessionId = Guid.ParseExact(entityId, "N");
        PersistenceId = "session-" + entityId;
        this.clock = clock;

        Recover<SessionOpened>(e => opened = e);
        Recover<SessionClosed>(e => endedAt = e.At);

        Command<StartSession>(OnStart);
        Command<GetSession>(_ => Sender.Tell(Info()));
        Command<EndSession>(OnEnd);
    }

    public override string PersistenceId { get; }

    private void OnStart(StartSession start)
    {
        if (opened is not null)
        {
            // A retried start (the first answer was lost) must not open a second session under the same id.
            Sender.Tell(Info());
            return;
        }

        var requester = Sender;
        Persist(new SessionOpened(start.UserId, start.Domain, start.IssuedAt, start.ExpiresAt, start.SouthboundCredentials), e =>
        {
            opened = e;
            requester.Tell(Info());
        });
    }

    private void OnEnd(EndSession end)
    {
        if (opened is null || endedAt is not null)
        {
            Sender.Tell(Info());
            return;
        }

        var requester = Sender;
        Persist(new SessionClosed(clock.GetUtcNow().ToUnixTimeSeconds()), e =>
        {
            endedAt = e.At;
            requester.Tell(Info());
        });
    }

    private object Info() => opened is null
        ? new SessionNotFound(sessionId)
        : new SessionInfo(sessionId, opened.UserId, opened.Domain, opened.IssuedAt, opened.ExpiresAt, opened.SouthboundCredentials, endedAt);

    public static Props Props(string entityId, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new SessionEntity(entityId, clock));
}
