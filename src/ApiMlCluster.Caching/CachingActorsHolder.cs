namespace ApiMlCluster.Caching;

/// <summary>Hands the actors started with the ActorSystem to endpoints, which may be called before the actors exist.</summary>
internal sealed class CachingActorsHolder
{
    private readonly TaskCompletionSource<CachingActors> actors = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<CachingActors> Actors => actors.Task;

    public void Set(CachingActors started) => actors.TrySetResult(started);
}
