using Akka.Actor;
using Akka.Event;
using ApiMlCluster.Discovery.Registry;

namespace ApiMlCluster.Discovery.ReadModel;

/// <summary>
/// One per node, at <see cref="Name"/>: keeps <see cref="RegistrySnapshot"/> current from the changes service
/// entities push. When it joins a running cluster it copies a peer's registry; when a push was missed (a
/// version gap, or a beacon ahead of what it holds) it re-reads that one service from its entity. Nothing on the
/// request path waits for this actor.
/// </summary>
internal sealed class RegistryReplica : ReceiveActor, IWithTimers
{
    public const string Name = "registry-replica";

    private readonly RegistrySnapshot snapshot;
    private readonly IActorRef services;
    private readonly RegistrySettings settings;
    private readonly TimeProvider clock;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<string, DateTimeOffset> lastHeard = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> rereading = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Assembly> assembling = new(StringComparer.Ordinal);
    private readonly HashSet<Address> peersNotReady = [];
    private DateTimeOffset syncStartedAt;
    private string? syncCursor;
    private int syncedServices;

    public RegistryReplica(RegistrySnapshot snapshot, IActorRef services, RegistrySettings settings, TimeProvider clock)
    {
        this.snapshot = snapshot;
        this.services = services;
        this.settings = settings;
        this.clock = clock;

        Receive<InstanceChanged>(change =>
        {
            Heard(change.App);
            if (!snapshot.Apply(change))
            {
                Reread(change.App);
            }
        });
        Receive<ServiceBeacon>(beacon =>
        {
            Heard(beacon.App);
            var held = snapshot.Current.Services.GetValueOrDefault(beacon.App)?.Version ?? 0;
            if (beacon.Version > held)
            {
                Reread(beacon.App);
            }
        });
        Receive<ServiceChunk>(OnChunk);
        Receive<SyncRequest>(request => SendPage(request.After, Sender));
        Receive<SyncPage>(OnSyncPage);
        Receive<MemberUp>(_ =>
        {
            syncStartedAt = clock.GetUtcNow();
            RequestSync();
        });
        Receive<Tick>(tick =>
        {
            switch (tick)
            {
                case Tick.Sync:
                    RequestSync();
                    break;
                case Tick.Stale:
                    CheckStale();
                    break;
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RegistrySnapshot snapshot, IActorRef services, RegistrySettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new RegistryReplica(snapshot, services, settings, clock));

    protected override void PreStart()
    {
        var self = Self;
        Akka.Cluster.Cluster.Get(Context.System).RegisterOnMemberUp(() => self.Tell(MemberUp.Instance));
        Timers.StartPeriodicTimer(Tick.Stale, Tick.Stale, settings.StaleAfter / 2);
    }

    private void RequestSync()
    {
        if (snapshot.IsReady)
        {
            return;
        }

        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var peers = cluster.State.Members
            .Where(m => Replicas.IsServing(m) && m.Address != cluster.SelfAddress && !cluster.State.Unreachable.Contains(m))
            .Select(m => m.Address)
            .Where(a => !peersNotReady.Contains(a))
            .ToList();
        if (peers.Count == 0)
        {
            // Alone, or every peer is starting too (a cold start): the entities push their state as they recover.
            MarkReady("no peer holds a registry yet");
            return;
        }

        // One peer, one page at a time; a page that does not arrive in time is asked for again, maybe from another peer.
        var peer = peers[Random.Shared.Next(peers.Count)];
        Context.ActorSelection(Replicas.PathOn(peer)).Tell(new SyncRequest(syncCursor));
        Timers.StartSingleTimer(Tick.Sync, Tick.Sync, settings.SyncRetry);
    }

    private void SendPage(string? after, IActorRef peer)
    {
        if (!snapshot.IsReady)
        {
            peer.Tell(new SyncPage(after, 0, null, PeerReady: false));
            return;
        }

        var count = 0;
        var bytes = 0;
        string? last = null;
        foreach (var service in snapshot.Current.Registered)
        {
            if (after is not null && string.CompareOrdinal(service.App, after) <= 0)
            {
                continue;
            }

            if (bytes >= settings.SyncPageBytes)
            {
                peer.Tell(new SyncPage(after, count, last, PeerReady: true));
                return;
            }

            foreach (var chunk in ServiceChunks.Of(service.App, service.Version, service.Instances.Values.ToList(), settings.ChunkBytes))
            {
                bytes += chunk.Instances.Sum(ServiceChunks.EstimatedBytes);
                peer.Tell(chunk);
            }

            count++;
            last = service.App;
        }

        peer.Tell(new SyncPage(after, count, null, PeerReady: true));
    }

    private void OnSyncPage(SyncPage page)
    {
        // A page asked for again after a timeout may arrive twice; only the answer to the current cursor moves on.
        if (snapshot.IsReady || page.After != syncCursor)
        {
            return;
        }

        if (!page.PeerReady)
        {
            peersNotReady.Add(Sender.Path.Address);
            RequestSync();
            return;
        }

        syncedServices += page.Services;
        syncCursor = page.Next;
        if (page.Next is not null)
        {
            Sender.Tell(new SyncRequest(page.Next));
            Timers.StartSingleTimer(Tick.Sync, Tick.Sync, settings.SyncRetry);
            return;
        }

        Timers.Cancel(Tick.Sync);
        MarkReady($"copied {syncedServices} services from {Sender.Path.Address}");
    }

    private void MarkReady(string how)
    {
        snapshot.MarkReady();
        log.Info("Registry read model ready in {0:F1} s ({1}): {2} instances of {3} services",
            (clock.GetUtcNow() - syncStartedAt).TotalSeconds, how, snapshot.Current.InstanceCount, snapshot.Current.RegisteredCount);
    }

    private void OnChunk(ServiceChunk chunk)
    {
        Heard(chunk.App);
        if (!assembling.TryGetValue(chunk.App, out var assembly) || assembly.Version != chunk.Version)
        {
            assembly = new Assembly(chunk.Version, new Dictionary<string, InstanceInfo>(StringComparer.Ordinal));
            assembling[chunk.App] = assembly;
        }

        foreach (var instance in chunk.Instances)
        {
            assembly.Instances[instance.InstanceId] = instance;
        }

        if (chunk.Last)
        {
            assembling.Remove(chunk.App);
            rereading.Remove(chunk.App);
            var instances = RegisteredService.Empty(chunk.App).Instances.AddRange(assembly.Instances);
            snapshot.Replace(new RegisteredService(chunk.App, chunk.Version, instances));
        }
    }

    private void Reread(string app)
    {
        var now = clock.GetUtcNow();
        if (rereading.TryGetValue(app, out var since) && now - since < settings.SyncRetry)
        {
            return;
        }

        rereading[app] = now;
        services.Tell(new GetService(app));
    }

    private void CheckStale()
    {
        var now = clock.GetUtcNow();
        var forget = new List<string>();
        foreach (var service in snapshot.Current.Services.Values)
        {
            if (!lastHeard.TryGetValue(service.App, out var heard))
            {
                lastHeard[service.App] = now;
                continue;
            }

            if (now - heard < settings.StaleAfter)
            {
                continue;
            }

            if (service.Instances.Count == 0)
            {
                forget.Add(service.App);
                lastHeard.Remove(service.App);
            }
            else
            {
                Reread(service.App);
            }
        }

        if (forget.Count > 0)
        {
            snapshot.Forget(forget);
        }
    }

    private void Heard(string app) => lastHeard[app] = clock.GetUtcNow();

    private sealed record Assembly(long Version, Dictionary<string, InstanceInfo> Instances);

    /// <summary>This node became Up: the moment peers can be asked. Local only, hence no serializer.</summary>
    private sealed class MemberUp : INoSerializationVerificationNeeded
    {
        public static readonly MemberUp Instance = new();
    }

    private enum Tick
    {
        Sync,
        Stale,
    }
}
