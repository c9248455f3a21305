namespace ApiMlCluster.Auth;

/// <summary>Hands the actors started with the ActorSystem to endpoints, which may be called before the actors exist.</summary>
internal sealed class AuthActorsHolder
{
    private readonly TaskCompletionSource<AuthActors> actors = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<AuthActors> Actors => actors.Task;

    public void Set(AuthActors started) => actors.TrySetResult(started);
}
