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
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    public async Task<RegistryOutcome> SendAsync(IServiceCommand command, CancellationToken cancellationToken)
    {
        var started = actors.Actors;
        if (!started.IsCompleted)
        {
            return RegistryOutcome.Unavailable;
        }

        try
        {
            var answer = await (await started).Services.Ask<object>(command, AskTimeout, cancellationToken);
            switch (answer)
            {
                case RegistryAck ack:
                    if (ack.Change is { } change)
                    {
                        snapshot.Apply(change);
                    }

                    return RegistryOutcome.Done;
                case InstanceNotFound:
                    return RegistryOutcome.NotFound;
                default:
                    return RegistryOutcome.Unavailable;
            }
        }
        catch (AskTimeoutException)
        {
            return RegistryOutcome.Unavailable;
        }
    }
}

internal enum RegistryOutcome
{
    Done,
    NotFound,

    /// <summary>The entity did not answer in time (its node is failing over, or the journal is down).</summary>
    Unavailable,
}
