namespace ApiMlCluster.Discovery;

/// <summary>Hands the actors started with the ActorSystem to endpoints, which may be called before the actors exist.</summary>
internal sealed class DiscoveryActorsHolder
{
    private readonly TaskCompletionSource<DiscoveryActors> actors = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<DiscoveryActors> Actors => actors.Task;

    public void Set(DiscoveryActors started) => actors.TrySetResult(started);
}
