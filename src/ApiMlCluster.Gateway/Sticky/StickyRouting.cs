using Akka.Actor;
using ApiMlCluster.Gateway.Health;
using ApiMlCluster.Gateway.LoadBalancing;
using ApiMlCluster.Gateway.Routing;
using Microsoft.Extensions.Logging;

namespace ApiMlCluster.Gateway.Sticky;

/// <summary>
/// Instance choice for services with <c>apiml.lb.type=authentication</c>: the same user reaches the same instance
/// through any gateway node. Reads this node's <see cref="StickySnapshot"/>; only when it holds no valid choice
/// (none, expired, instance gone or marked down, or already tried by this request) asks the bucket of the user's key, proposing
/// the instance round robin would pick. If the bucket cannot be reached in time the request still goes to the
/// proposed instance: stickiness is an optimisation, availability is not.
/// </summary>
internal sealed class StickyRouting(StickySnapshot snapshot, InstanceChooser chooser, InstanceHealth health, TimeSpan expiration, TimeProvider clock, ILogger<StickyRouting> log)
{
    public const string AuthenticationType = "authentication";

    /// <summary>A bucket answers in milliseconds; an ask that takes longer went to a node that just died, and the second goes to the new owner.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(1);

    private const int Attempts = 2;
    private volatile IActorRef? entities;

    /// <summary>The sticky buckets' host, once the node's actors run; until then choices are not sticky.</summary>
    public void Use(IActorRef host) => entities = host;

    public static bool AppliesTo(ServiceRoutes service)
    {
        foreach (var instance in service.Instances)
        {
            if (string.Equals(instance.Metadata.LoadBalancerType, AuthenticationType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<InstanceChoice> ChooseAsync(ServiceRoutes service, string user, IReadOnlyCollection<string> tried, CancellationToken cancellationToken)
    {
        var key = StickyKeys.Of(user, service.ServiceId);
        string? invalid = null;
        if (snapshot.TryGet(key, out var remembered))
        {
            if (Usable(service, remembered, tried) is { } usable)
            {
                return usable;
            }

            invalid = remembered.InstanceId;
        }

        var proposal = chooser.Choose(service, null, invalid is null ? tried : [.. tried, invalid]);
        if (proposal.Instance is null)
        {
            proposal = chooser.Choose(service, null, tried);
        }

        if (proposal.Instance is not { } proposed || entities is not { } host)
        {
            return proposal;
        }

        if (await AskAsync(host, new ChooseStickyInstance(key, proposed.InstanceId, invalid, (long)expiration.TotalMilliseconds), cancellationToken) is not { } answer)
        {
            log.LogWarning("No sticky choice for {Key} within {Attempts} attempts of {Timeout}; routing this request without it", key, Attempts, AskTimeout);
            return proposal;
        }

        snapshot.Apply(answer);
        if (string.Equals(answer.InstanceId, proposed.InstanceId, StringComparison.Ordinal))
        {
            return proposal;
        }

        // The bucket kept an earlier choice; use it unless this node sees it as unusable (a registry or health view
        // behind or ahead of the asking node's): then this request takes the proposal, the next one asks again.
        return Usable(service, answer, tried) ?? proposal;
    }

    private static async Task<StickyChoice?> AskAsync(IActorRef host, ChooseStickyInstance choose, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            try
            {
                return await host.Ask<StickyChoice>(choose, AskTimeout, cancellationToken);
            }
            catch (AskTimeoutException)
            {
            }
            catch (TaskCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    private InstanceChoice? Usable(ServiceRoutes service, StickyChoice choice, IReadOnlyCollection<string> tried)
    {
        if (clock.GetUtcNow().ToUnixTimeMilliseconds() >= choice.ChosenAt + (long)expiration.TotalMilliseconds || tried.Contains(choice.InstanceId))
        {
            return null;
        }

        foreach (var instance in service.Instances)
        {
            if (!string.Equals(instance.InstanceId, choice.InstanceId, StringComparison.Ordinal))
            {
                continue;
            }

            return health.StateOf(instance) switch
            {
                InstanceState.Healthy => new InstanceChoice(instance, InstanceChoiceProblem.None),
                InstanceState.TrialDue when health.TryClaimTrial(instance) => new InstanceChoice(instance, InstanceChoiceProblem.None, Trial: true),
                _ => null,
            };
        }

        return null;
    }
}
