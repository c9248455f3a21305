using Akka.Actor;
using ApiMlCluster.Discovery.ReadModel;

namespace ApiMlCluster.Discovery.Registry;

/// <summary>
/// Sends registry commands to the owning service entity and applies the acknowledged change to this node's
/// snapshot at once, so a client reads its own registration at the node it registered with.
/// </summary>
internal sealed class RegistryWriter(DiscoveryActorsHolder actors, RegistrySnapshot snapshot)
{
    /// <summary>Longer than a failover (about 6–12 s until the entity of a killed node runs elsewhere).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A message handed to a node just before it died is lost, not buffered: sharding buffers only once it knows the
    /// shard has no home. So each attempt waits this long and the command is sent again; every registry command is
    /// safe to repeat.
    /// </summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    public async Task<RegistryResult> SendAsync(IServiceCommand command, CancellationToken cancellationToken)
    {
        var started = actors.Actors;
        if (!started.IsCompleted)
        {
            return RegistryOutcome.Unavailable;
        }

        var services = (await started).Services;
        var deadline = DateTime.UtcNow + Budget;
        for (var attempt = 1; DateTime.UtcNow < deadline; attempt++)
        {
            object answer;
            try
            {
                answer = await services.Ask<object>(command, AttemptTimeout, cancellationToken);
            }
            catch (AskTimeoutException)
            {
                continue;
            }

            switch (answer)
            {
                case RegistryAck ack:
                    if (ack.Change is { } change)
                    {
                        snapshot.Apply(change);
                    }

                    return RegistryOutcome.Done;
                case InstanceNotFound when attempt > 1 && command is Cancel:
                    // An earlier attempt did cancel it; only its answer was lost.
                    return RegistryOutcome.Done;
                case InstanceNotFound:
                    return RegistryOutcome.NotFound;
                case RegistryRefused refused:
                    return new RegistryResult(RegistryOutcome.Refused, refused);
                default:
                    return RegistryOutcome.Unavailable;
            }
        }

        return RegistryOutcome.Unavailable;
    }
}

internal enum RegistryOutcome
{
    Done,
    NotFound,

    /// <summary>The entity did not answer in time (its node is failing over, or the journal is down).</summary>
    Unavailable,

    /// <summary>The entity refused the change (ownership, a limit); <see cref="RegistryResult.Refusal"/> says why.</summary>
    Refused,
}

internal readonly record struct RegistryResult(RegistryOutcome Outcome, RegistryRefused? Refusal = null)
{
    public static implicit operator RegistryResult(RegistryOutcome outcome) => new(outcome);
}
