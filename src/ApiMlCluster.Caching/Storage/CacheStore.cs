using Akka.Actor;

namespace ApiMlCluster.Caching.Storage;

/// <summary>
/// The endpoints' way to the bucket entities. A message handed to a node just before it died is lost, so each attempt
/// waits <see cref="AttemptTimeout"/> and is sent again until <see cref="Budget"/> is spent: the next attempt goes to
/// the owner in the node's newer view of the cluster. Writes carry a request id, so a resent write is applied once.
/// </summary>
internal sealed class CacheStore(CachingActorsHolder holder)
{
    /// <summary>Far longer than a failover (about 3 s until a killed node's buckets run elsewhere).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    /// <summary>A bucket answers in milliseconds; an attempt that takes a second went to a node that is gone.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(20);

    /// <summary>The bucket's answer, or null when it did not answer within the budget.</summary>
    public async Task<object?> SendAsync(IBucketCommand command, CancellationToken cancellationToken)
    {
        if (await ActorsAsync() is not { } actors)
        {
            return null;
        }

        var deadline = DateTime.UtcNow + Budget;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var answer = await actors.Buckets.Ask<object>(command, AttemptTimeout, cancellationToken);
                if (answer is not BucketRetry)
                {
                    return answer;
                }

                await Task.Delay(RetryPause, cancellationToken);
            }
            catch (AskTimeoutException)
            {
            }
        }

        return null;
    }

    /// <summary>Sends one command per bucket in parallel; null when any bucket did not answer.</summary>
    public async Task<IReadOnlyList<object>?> SendToAllAsync(IEnumerable<IBucketCommand> commands, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(commands.Select(c => SendAsync(c, cancellationToken)));
        return answers.Any(a => a is null) ? null : answers.OfType<object>().ToList();
    }

    /// <summary>The content of every bucket of <paramref name="namespace"/>; null when any bucket did not answer.</summary>
    public async Task<IReadOnlyList<BucketPage>?> ReadAllAsync(string @namespace, BucketContent content, string? mapKey, CancellationToken cancellationToken)
    {
        if (await ActorsAsync() is not { } actors)
        {
            return null;
        }

        var buckets = await Task.WhenAll(BucketAddress.AllEntityIds(@namespace).Select(id => ReadAsync(actors, new ReadBucket(id, content, mapKey), cancellationToken)));
        return buckets.Any(b => b is null) ? null : buckets.SelectMany(b => b!).ToList();
    }

    private static async Task<IReadOnlyList<BucketPage>?> ReadAsync(CachingActors actors, ReadBucket read, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Budget;
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            var result = new TaskCompletionSource<IReadOnlyList<BucketPage>?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var collector = actors.System.ActorOf(PageCollector.Props(result, AttemptTimeout));
            actors.Buckets.Tell(read, collector);
            if (await result.Task is { } pages)
            {
                return pages;
            }
        }

        return null;
    }

    private async Task<CachingActors?> ActorsAsync()
    {
        var started = holder.Actors;
        return started.IsCompleted ? await started : null;
    }
}
