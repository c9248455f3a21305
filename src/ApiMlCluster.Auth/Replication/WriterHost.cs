using Akka.Actor;
using Akka.Event;

namespace ApiMlCluster.Auth.Replication;

/// <summary>
/// Keeps a node's log writer running: Akka stops a persistent actor whose write failed, and this starts it again
/// after <see cref="ReplicationSettings.RestartDelay"/>. Meanwhile every append is answered <see cref="AppendFailed"/>
/// at once, so a store outage is a quick 503, not a wait for a timeout. Appends that were already on their way to the
/// stopping writer end as dead letters; those are answered the same way instead of leaving their requester waiting.
/// </summary>
internal sealed class WriterHost : ReceiveActor, IWithTimers
{
    private readonly Props writerProps;
    private readonly ReplicationSettings settings;
    private IActorRef? writer;

    public WriterHost(Props writerProps, ReplicationSettings settings)
    {
        this.writerProps = writerProps;
        this.settings = settings;

        Receive<Terminated>(terminated => terminated.ActorRef.Equals(writer), _ =>
        {
            writer = null;
            Timers.StartSingleTimer("restart", Restart.Instance, settings.RestartDelay);
        });
        Receive<Restart>(_ => StartWriter());
        Receive<DeadLetter>(dead => dead.Recipient.Path.Parent == Self.Path, dead =>
        {
            if (!dead.Sender.IsNobody() && !dead.Sender.Equals(Context.System.DeadLetters))
            {
                dead.Sender.Tell(new AppendFailed("the journal refused a write; the writer is starting again"));
            }
        });
        Receive<DeadLetter>(_ => { });
        ReceiveAny(message =>
        {
            if (writer is null)
            {
                Sender.Tell(new AppendFailed("the journal refused the last write; the writer is starting again"));
                return;
            }

            writer.Forward(message);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Props writerProps, ReplicationSettings settings) =>
        Akka.Actor.Props.Create(() => new WriterHost(writerProps, settings));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
        StartWriter();
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    // The writer stops itself on a failed write; restarting it here (with a delay) is the only supervision it needs.
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    private void StartWriter()
    {
        writer = Context.Watch(Context.ActorOf(writerProps, "writer"));
    }

    private sealed class Restart
    {
        public static readonly Restart Instance = new();
    }
}
