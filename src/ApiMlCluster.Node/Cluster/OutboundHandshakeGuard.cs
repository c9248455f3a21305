using System.Security.Cryptography.X509Certificates;
using Akka;
using Akka.Actor;
using Akka.Cluster;

namespace ApiMlCluster.Node.Cluster;

/// <summary>
/// Keeps an Up node running when one of its outbound remoting TLS handshakes fails. Akka.NET 1.5 runs
/// CoordinatedShutdown for every failed client-side handshake (akkadotnet/akka.net#7839), meant for a node whose own
/// TLS setup is broken. But a peer in its last moments (SIGTERM: the listener has accepted the connection, the
/// process exits before answering) fails the handshake too, and a survivor that stopped for it took the cluster's
/// majority with it (bench/failover, 2026-12-07). For an Up member with a valid certificate the failure says
/// nothing about this node: a peer it cannot reach is the failure detector's and the split-brain resolver's business.
/// So the shutdown is held in its first phase until the host stops (SIGTERM) or the cluster removes the node (downed);
/// then it goes on as if it had just been asked, leaving the cluster gracefully. A node that is not Up yet (a wrong
/// truststore at first start) or whose certificate has expired still stops, as Akka.NET intends.
/// </summary>
internal sealed class OutboundHandshakeGuard
{
    /// <summary>The phase that runs before Akka's first one (cluster-config/akka/base.conf).</summary>
    public const string Phase = "apiml-outbound-handshake-hold";

    // Akka.NET's reason type is internal; its name is the only handle on it.
    private const string HandshakeFailureReason = "Akka.Remote.Transport.DotNetty.TlsHandshakeFailureReason";

    private readonly TaskCompletionSource<Done> release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CoordinatedShutdown shutdown;
    private readonly Akka.Cluster.Cluster cluster;
    private readonly X509Certificate2 certificate;
    private readonly TimeProvider clock;
    private readonly ILogger log;
    private volatile bool stopRequested;

    private OutboundHandshakeGuard(ActorSystem system, X509Certificate2 certificate, TimeProvider clock, ILogger log)
    {
        shutdown = CoordinatedShutdown.Get(system);
        cluster = Akka.Cluster.Cluster.Get(system);
        this.certificate = certificate;
        this.clock = clock;
        this.log = log;
    }

    /// <summary>True once a shutdown has been held for a failed outbound handshake.</summary>
    public bool Held { get; private set; }

    /// <summary>True when the cluster removed the node while its shutdown was held: it was downed, not stopped.</summary>
    public bool DownedWhileHeld { get; private set; }

    /// <summary>Adds the hold to the node's CoordinatedShutdown; <paramref name="hostStopping"/> releases it.</summary>
    public static OutboundHandshakeGuard Install(ActorSystem system, X509Certificate2 certificate, TimeProvider clock, ILogger log, CancellationToken hostStopping)
    {
        var guard = new OutboundHandshakeGuard(system, certificate, clock, log);
        guard.shutdown.AddTask(Phase, "hold-after-outbound-handshake-failure", guard.OnShutdown);
        hostStopping.Register(guard.OnHostStopping);
        return guard;
    }

    private Task<Done> OnShutdown()
    {
        var reason = shutdown.ShutdownReason;
        if (reason?.GetType().FullName != HandshakeFailureReason)
        {
            return Task.FromResult(Done.Instance);
        }

        var status = cluster.SelfMember.Status;
        var now = clock.GetUtcNow();
        if (status is not (MemberStatus.Up or MemberStatus.WeaklyUp) || now < certificate.NotBefore || now > certificate.NotAfter)
        {
            ClusterLog.HandshakeFailureStopsNode(log, reason.ToString() ?? "", status.ToString());
            return Task.FromResult(Done.Instance);
        }

        Held = true;
        ClusterLog.HandshakeFailureHeld(log, reason.ToString() ?? "");
        // Fires when the cluster daemon stops, which a downed member does on its own once it sees itself Down.
        cluster.RegisterOnMemberRemoved(OnRemoved);
        if (stopRequested)
        {
            release.TrySetResult(Done.Instance);
        }

        return release.Task;
    }

    private void OnHostStopping()
    {
        stopRequested = true;
        release.TrySetResult(Done.Instance);
    }

    private void OnRemoved()
    {
        if (!stopRequested)
        {
            DownedWhileHeld = true;
            ClusterLog.HeldNodeDowned(log);
        }

        release.TrySetResult(Done.Instance);
    }
}
