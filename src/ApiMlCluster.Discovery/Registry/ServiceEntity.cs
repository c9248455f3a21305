using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using ApiMlCluster.Core.Persistence;
using ApiMlCluster.Discovery.Eureka;
using ApiMlCluster.Discovery.Ownership;
using ApiMlCluster.Discovery.ReadModel;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>
/// The registry of one service: a sharded, event-sourced entity that owns its instances, their leases and their
/// status overrides. Registrations, cancellations, overrides and evictions are journaled before they are
/// acknowledged and then pushed to every node's <see cref="RegistryReplica"/>. Heartbeats are not journaled:
/// they would turn every renewal into a database write, and after a failover the recovered entity simply starts
/// every lease afresh, so an instance that really died is still evicted one lease later.
/// </summary>
internal sealed class ServiceEntity : HousekeptPersistentActor, IWithTimers
{
    private readonly Dictionary<string, InstanceInfo> instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> lastRenewal = new(StringComparer.Ordinal);
    private readonly RegistrySettings settings;
    private readonly TimeProvider clock;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly string app;
    private long version;
    private long eventsSinceSnapshot;
    private DateTimeOffset? emptySince;

    public ServiceEntity(string app, RegistrySettings settings, TimeProvider clock)
    {
        this.app = app;
        this.settings = settings;
        this.clock = clock;
        PersistenceId = $"service-{app}";

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ServiceSnapshot snapshot)
            {
                version = snapshot.Version;
                foreach (var instance in snapshot.Instances)
                {
                    instances[instance.InstanceId] = instance;
                }
            }
        });
        Recover<InstanceStored>(stored => Apply(stored));
        Recover<InstanceRemoved>(removed => Apply(removed));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<Register>(OnRegister);
        Command<Renew>(OnRenew);
        Command<Cancel>(cancel => Change(cancel, cancel.InstanceId, _ => null));
        Command<OverrideStatus>(o => Change(o, o.InstanceId, i => i with { OverriddenStatus = o.Status, LastUpdatedTimestamp = Now() }));
        Command<RemoveStatusOverride>(r => Change(r, r.InstanceId, i => i with { OverriddenStatus = InstanceStatus.Unknown, LastUpdatedTimestamp = Now() }));
        Command<UpdateMetadata>(OnUpdateMetadata);
        Command<GetService>(_ => SendState(Sender));
        Command<Tick>(tick =>
        {
            if (tick == Tick.Evict)
            {
                EvictExpired();
            }
            else
            {
                Beacon();
            }
        });
        KeepJournalShort(snapshotAt => snapshotAt);
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string app, RegistrySettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new ServiceEntity(app, settings, clock));

    private void OnRecovered()
    {
        var now = Now();
        foreach (var id in instances.Keys)
        {
            lastRenewal[id] = now;
        }

        emptySince = instances.Count == 0 ? clock.GetUtcNow() : null;
        Timers.StartPeriodicTimer(Tick.Evict, Tick.Evict, settings.EvictionInterval);
        Timers.StartPeriodicTimer(Tick.Beacon, Tick.Beacon, settings.BeaconInterval);

        // After a failover or a cold start the replicas may hold an older copy, or none at all.
        if (version > 0)
        {
            foreach (var chunk in Chunks())
            {
                Replicas.TellAll(Context.System, chunk);
            }
        }
    }

    private void OnRegister(Register register)
    {
        var id = register.Instance.InstanceId;
        if (InstanceOwnership.MayRegister(register.By, instances.Values, id) is { } reason)
        {
            Sender.Tell(new RegistryRefused(app, RefusalKind.NotOwner, reason));
            return;
        }

        if (!instances.ContainsKey(id) && instances.Count >= settings.MaxInstancesPerService)
        {
            Sender.Tell(new RegistryRefused(app, RefusalKind.Quota, $"the service has {instances.Count} instances (components.discovery.apiml.security.registration.maxInstancesPerService)"));
            return;
        }

        var now = Now();
        instances.TryGetValue(id, out var existing);
        var wasUp = existing?.Status == InstanceStatus.Up;
        var incoming = register.Instance;
        var stored = incoming with
        {
            App = app,
            RegisteredBy = InstanceOwnership.OwnerOf(register.By),
            OverriddenStatus = existing?.OverriddenStatus ?? InstanceStatus.Unknown,
            LastUpdatedTimestamp = now,
            Lease = incoming.Lease with
            {
                RegistrationTimestamp = now,
                LastRenewalTimestamp = now,
                EvictionTimestamp = 0,
                ServiceUpTimestamp = wasUp ? existing!.Lease.ServiceUpTimestamp : incoming.Status == InstanceStatus.Up ? now : 0,
            },
        };
        lastRenewal[stored.InstanceId] = now;
        PersistChange(new InstanceStored(stored), Sender);
    }

    private void OnRenew(Renew renew)
    {
        if (!instances.TryGetValue(renew.InstanceId, out var instance) || renew.LastDirtyTimestamp > instance.LastDirtyTimestamp)
        {
            // Eureka's answer to "I changed since I registered" is the same as to "who are you": register again.
            Sender.Tell(new InstanceNotFound(app, renew.InstanceId));
            return;
        }

        if (InstanceOwnership.MayChange(renew.By, instance) is { } reason)
        {
            Sender.Tell(new RegistryRefused(app, RefusalKind.NotOwner, reason));
            return;
        }

        lastRenewal[renew.InstanceId] = Now();
        Sender.Tell(new RegistryAck(app, null));
    }

    /// <summary>Applies <paramref name="change"/> to a known instance (null removes it) and journals the result.</summary>
    private void OnUpdateMetadata(UpdateMetadata update) =>
        Change(update, update.InstanceId, i => i with { Metadata = i.Metadata.SetItems(update.Changes), LastUpdatedTimestamp = Now() });

    private void Change(IOwnedCommand command, string instanceId, Func<InstanceInfo, InstanceInfo?> change)
    {
        if (!instances.TryGetValue(instanceId, out var instance))
        {
            Sender.Tell(new InstanceNotFound(app, instanceId));
            return;
        }

        if (InstanceOwnership.MayChange(command.By, instance) is { } reason)
        {
            Sender.Tell(new RegistryRefused(app, RefusalKind.NotOwner, reason));
            return;
        }

        if (command is UpdateMetadata update && RegistrationRules.CheckMetadata(instance.Metadata.SetItems(update.Changes)) is { } invalid)
        {
            // Checked on the merged result: each update within the limits must not add up to an instance beyond them.
            Sender.Tell(new RegistryRefused(app, RefusalKind.Invalid, invalid));
            return;
        }

        var changed = change(instance);
        PersistChange(changed is null ? new InstanceRemoved(instanceId, RemovalReason.Cancelled) : new InstanceStored(changed), Sender);
    }

    private void PersistChange(IDiscoveryMessage @event, IActorRef requester)
    {
        Persist(@event, persisted =>
        {
            var change = Apply(persisted);
            Replicas.TellAll(Context.System, change);
            requester.Tell(new RegistryAck(app, change));
            SnapshotIfDue();
        });
    }

    private void EvictExpired()
    {
        var now = Now();
        var expired = instances.Values
            .Where(i => !i.IsStatic && lastRenewal.GetValueOrDefault(i.InstanceId, now) + (i.Lease.DurationInSecs * 1000L) < now)
            .Select(i => new InstanceRemoved(i.InstanceId, RemovalReason.Evicted))
            .ToList();
        if (expired.Count == 0)
        {
            if (instances.Count == 0 && emptySince is { } since && clock.GetUtcNow() - since >= settings.EmptyServiceLinger)
            {
                // Passivating (not stopping) also removes the entity from the remembered set.
                Context.Parent.Tell(new Passivate(PoisonPill.Instance));
            }

            return;
        }

        PersistAll(expired, removed =>
        {
            log.Info("Evicted {0} of {1}: no renewal within its lease", removed.InstanceId, app);
            Replicas.TellAll(Context.System, Apply(removed));
            SnapshotIfDue();
        });
    }

    private InstanceChanged Apply(IDiscoveryMessage @event)
    {
        version++;
        switch (@event)
        {
            case InstanceStored stored:
                instances[stored.Instance.InstanceId] = stored.Instance;
                emptySince = null;
                return new InstanceChanged(app, version, stored.Instance, null);
            case InstanceRemoved removed:
                instances.Remove(removed.InstanceId);
                lastRenewal.Remove(removed.InstanceId);
                if (instances.Count == 0)
                {
                    emptySince = clock.GetUtcNow();
                }

                return new InstanceChanged(app, version, null, removed.InstanceId);
            default:
                throw new ArgumentException($"not a registry event: {@event.GetType().Name}", nameof(@event));
        }
    }

    private void SnapshotIfDue()
    {
        if (++eventsSinceSnapshot >= settings.SnapshotEvery)
        {
            eventsSinceSnapshot = 0;
            SaveSnapshot(new ServiceSnapshot(version, [.. instances.Values]));
        }
    }

    private void Beacon() => Replicas.TellAll(Context.System, new ServiceBeacon(app, version));

    private void SendState(IActorRef reader)
    {
        foreach (var chunk in Chunks())
        {
            reader.Tell(chunk);
        }
    }

    private IEnumerable<ServiceChunk> Chunks() => ServiceChunks.Of(app, version, instances.Values, settings.ChunkBytes);

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private enum Tick
    {
        Evict,
        Beacon,
    }
}
