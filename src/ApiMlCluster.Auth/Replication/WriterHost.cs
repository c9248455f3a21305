using Akka.Actor;

namespace ApiMlCluster.Auth.Replication;

/// <summary>
/// Keeps a node's log writer running: Akka stops a persistent actor whose write failed, and this starts it again
/// after <see cref="ReplicationSettings.RestartDelay"/>. Meanwhile every append is answered <see cref="AppendFailed"/>
/// at once, so a store outage is a quick 503, not a wait for a timeout.
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

    protected override void PreStart() => StartWriter();

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
